import type { SourceType } from '@kpi/shared/contracts/demo-config';
import styles from './Sources.module.css';
import { SOURCE_TYPE_INFO } from './source-types';

/** A small coloured badge naming the source type; decorative, the label is given beside it. */
export function SourceTypeIcon({ type }: { type: SourceType }) {
  const info = SOURCE_TYPE_INFO[type];
  return (
    <span className={styles.typeIcon} style={{ background: info.colour }} aria-hidden="true">
      {info.badge}
    </span>
  );
}
