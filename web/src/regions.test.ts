import { describe, expect, it } from 'vitest';
import { cascaderValue, indexRegions, pathTo, regionOptions, topmost } from './regions.ts';
import type { Region } from './types.ts';

const regions: Region[] = [
  { code: '420000', name: '湖北省', level: 'province', parentCode: null, type: '省' },
  { code: '420100', name: '武汉市', level: 'prefecture', parentCode: '420000', type: '地级市' },
  { code: '420102', name: '江岸区', level: 'county', parentCode: '420100', type: '市辖区' },
  { code: '429004', name: '仙桃市', level: 'prefecture', parentCode: '420000', type: '县级市' },
];
const index = indexRegions(regions);

describe('region tree', () => {
  it('finds the path from the province down', () => {
    expect(pathTo(index, '420102')).toEqual(['420000', '420100', '420102']);
    expect(pathTo(index, '999999')).toEqual([]);
  });

  it('builds cascader options for the whole tree or for subtrees', () => {
    expect(regionOptions(index)).toEqual([
      {
        value: '420000',
        label: '湖北省',
        children: [
          { value: '420100', label: '武汉市', children: [{ value: '420102', label: '江岸区' }] },
          { value: '429004', label: '仙桃市' },
        ],
      },
    ]);
    expect(regionOptions(index, ['420100']).map((o) => o.value)).toEqual(['420100']);
  });

  it('gives the cascader value relative to the roots offered', () => {
    expect(cascaderValue(index, '420102')).toEqual(['420000', '420100', '420102']);
    expect(cascaderValue(index, '420102', ['420100'])).toEqual(['420100', '420102']);
    expect(cascaderValue(index, '429004', ['420100'])).toEqual([]);
  });

  it('keeps only the topmost of nested codes', () => {
    expect(topmost(index, ['420102', '420000', '420100'])).toEqual(['420000']);
    expect(topmost(index, ['420102', '429004', '420102'])).toEqual(['420102', '429004']);
  });
});
