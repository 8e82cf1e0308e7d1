import { toDataURL } from 'qrcode';
import { useEffect, useState } from 'react';

/**
 * The e-invoicing QR code: the server's TLV (base64) drawn by the `qrcode` library as an image,
 * with the text a screen reader says instead.
 */
export function ZatcaQr({ tlv, label }: { tlv: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    toDataURL(tlv, { errorCorrectionLevel: 'M', margin: 1, width: 240 })
      .then((url) => {
        if (live) setSrc(url);
      })
      .catch(() => {
        if (live) setSrc(null);
      });
    return () => {
      live = false;
    };
  }, [tlv]);
  if (!src) return null;
  return <img src={src} alt={label} width={160} height={160} data-tlv={tlv} />;
}
