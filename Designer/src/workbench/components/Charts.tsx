/** Small SVG charts for the statistics dashboard: no chart library, scalable (viewBox), labelled for screen readers. */

export interface Segment {
  key: string;
  value: number;
  color: string;
  label: string;
}

export interface BarRow {
  key: string;
  label: string;
  segments: Segment[];
}

const palette = ['#1d5fbf', '#1e8449', '#d68910', '#8e44ad', '#c0392b', '#16a085', '#7f8c8d', '#2c3e50', '#e67e22'];
export function color(index: number): string {
  return palette[index % palette.length];
}

/** Horizontal bars, one per row, each split into segments (stacked). */
export function BarChart({ rows, title, testId, unit = '' }: { rows: BarRow[]; title: string; testId: string; unit?: string }) {
  const labelWidth = 190;
  const width = 640;
  const barHeight = 22;
  const gap = 8;
  const max = Math.max(1, ...rows.map((r) => r.segments.reduce((s, x) => s + x.value, 0)));
  const height = Math.max(1, rows.length) * (barHeight + gap) + gap;
  const scale = (width - labelWidth - 60) / max;
  return (
    <svg className="wb-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={title} data-testid={testId} preserveAspectRatio="xMinYMin meet">
      <title>{title}</title>
      {rows.length === 0 && (
        <text x={width / 2} y={height / 2 + 12} textAnchor="middle" className="wb-chart-empty">—</text>
      )}
      {rows.map((row, i) => {
        const y = gap + i * (barHeight + gap);
        let x = labelWidth;
        const total = row.segments.reduce((s, seg) => s + seg.value, 0);
        return (
          <g key={row.key} data-row={row.key} data-total={total}>
            <text x={labelWidth - 8} y={y + barHeight / 2 + 5} textAnchor="end" className="wb-chart-label">
              {row.label.length > 14 ? row.label.slice(0, 13) + '…' : row.label}
              <title>{row.label}</title>
            </text>
            {row.segments.filter((s) => s.value > 0).map((seg) => {
              const w = seg.value * scale;
              const rect = (
                <rect key={seg.key} x={x} y={y} width={Math.max(w, 1)} height={barHeight} fill={seg.color} rx={2}>
                  <title>{`${row.label} · ${seg.label}: ${seg.value}${unit}`}</title>
                </rect>
              );
              x += w;
              return rect;
            })}
            <text x={x + 6} y={y + barHeight / 2 + 5} className="wb-chart-value">
              {total}
              {unit}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** A ring of shares with the total in the middle. */
export function DonutChart({ segments, title, testId, center }: { segments: Segment[]; title: string; testId: string; center?: string }) {
  const total = segments.reduce((s, x) => s + x.value, 0);
  const r = 60;
  const stroke = 26;
  const circumference = 2 * Math.PI * r;
  let offset = 0;
  return (
    <svg className="wb-donut" viewBox="0 0 160 160" role="img" aria-label={title} data-testid={testId}>
      <title>{title}</title>
      <circle cx={80} cy={80} r={r} fill="none" stroke="#eef2f6" strokeWidth={stroke} />
      {total > 0 &&
        segments.filter((s) => s.value > 0).map((seg) => {
          const length = (seg.value / total) * circumference;
          const circle = (
            <circle key={seg.key} cx={80} cy={80} r={r} fill="none" stroke={seg.color} strokeWidth={stroke}
              strokeDasharray={`${length} ${circumference - length}`} strokeDashoffset={-offset} transform="rotate(-90 80 80)" data-segment={seg.key}>
              <title>{`${seg.label}: ${seg.value}`}</title>
            </circle>
          );
          offset += length;
          return circle;
        })}
      <text x={80} y={86} textAnchor="middle" className="wb-donut-center">
        {center ?? total}
      </text>
    </svg>
  );
}

export function Legend({ segments }: { segments: Segment[] }) {
  return (
    <ul className="wb-legend">
      {segments.map((s) => (
        <li key={s.key}>
          <span className="wb-swatch" style={{ background: s.color }} /> {s.label} <strong>{s.value}</strong>
        </li>
      ))}
    </ul>
  );
}
