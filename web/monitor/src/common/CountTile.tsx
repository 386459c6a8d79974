import monitor from './page.module.css';

/** A count over a list, as the tiles above the Platform, Licences and Outbox lists show it. */
export function CountTile({ label, value }: { label: string; value: number }) {
  return (
    <div className={monitor.tile}>
      <div className={monitor.tileLabel}>{label}</div>
      <div className={monitor.tileValue}>{value}</div>
    </div>
  );
}
