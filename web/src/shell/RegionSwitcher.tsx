/** The portal's province / city / county switcher; the choice is remembered and shown in the header. */
import { EnvironmentOutlined } from '@ant-design/icons';
import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useT } from '../prefs.tsx';
import { useRegions } from '../regionContext.tsx';
import { cascaderValue, regionOptions } from '../regions.ts';

export function RegionSwitcher() {
  const t = useT();
  const { index, current, choose } = useRegions();
  const options = useMemo(() => (index ? regionOptions(index) : []), [index]);
  if (!index || !current) return null;
  return (
    <div className="region-switcher">
      <EnvironmentOutlined aria-hidden />
      <Cascader
        aria-label={t('region.switch')}
        data-testid="region-switcher"
        options={options}
        value={cascaderValue(index, current.code)}
        changeOnSelect
        allowClear={false}
        showSearch={{ filter: (input, path) => path.some((o) => String(o.label).includes(input.trim())) }}
        displayRender={(labels) => labels.join(' / ')}
        onChange={(value) => {
          const code = value?.at(-1);
          if (code) choose(String(code));
        }}
        variant="borderless"
      />
    </div>
  );
}
