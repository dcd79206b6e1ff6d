import { encode } from 'uqr';
import { useMemo } from 'react';
import { qrPath } from './qr-path.ts';

/**
 * A text as a QR code, drawn here as SVG (nothing is sent anywhere), with a quiet zone of four
 * modules so that phone cameras find it. Loaded only where a secret is shown.
 */
export function QrCode({
  value,
  label,
  size = 208,
}: {
  value: string;
  label: string;
  size?: number;
}) {
  const { path, width } = useMemo(() => {
    const { data } = encode(value, { ecc: 'M', border: 4 });
    return { path: qrPath(data), width: data.length };
  }, [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${width} ${width}`}
      shapeRendering="crispEdges"
    >
      <title>{label}</title>
      <rect width={width} height={width} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
