/** A QR code of `text` as a data URL, drawn by the `qrcode` package once the text is known (null until then). */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function useQr(text: string | null, width = 200) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!text) return;
    let live = true;
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 2, width }).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [text, width]);
  return src;
}
