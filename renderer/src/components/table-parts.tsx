import { formatDateTime } from '../format.js';
import { useLanguage } from '../use-language.js';

/** A table's column headings, in order (each already in the UI language). */
export function ColumnHeads({ labels }: { labels: readonly string[] }) {
  return (
    <thead>
      <tr>
        {labels.map((label, index) => (
          <th scope="col" key={`${index}-${label}`}>
            {label}
          </th>
        ))}
      </tr>
    </thead>
  );
}

/** A date and time cell that never wraps (CJK dates broke over four lines), machine-readable as <time>. */
export function DateCell({ iso }: { iso: string }) {
  const language = useLanguage();
  return (
    <td className="nowrap">
      <time dateTime={iso}>{formatDateTime(iso, language)}</time>
    </td>
  );
}
