import { useTranslation } from 'react-i18next';
import type { ClientPath } from '../../../shared/contract/operations.js';
import { buildClientPath, type HopItem, type HopState } from './client-path.js';

const stateSymbols: Record<HopState, string> = { ok: '✓', warning: '!', problem: '✕', unknown: '–' };

/** The client's discovery path drawn as a chain of hops, each coloured and named by its state. */
export function ClientPathView({ path }: { path: ClientPath | null }) {
  const { t } = useTranslation();
  if (path === null) return <p className="notice notice-info">{t('path.unavailable')}</p>;
  const hops = buildClientPath(path);

  const text = (item: HopItem): string => {
    const v = item.values;
    switch (item.key) {
      case 'path.suffixItem':
        return `${v.suffix} (${t(`path.suffixSource.${v.source}`)})`;
      case 'path.plain':
        return String(v.text);
      case 'path.srvQuery':
        return t('path.srvQuery', { name: v.name, server: v.server, status: t(`path.srvStatus.${v.status}`, { count: v.count }) });
      case 'path.srvRecord':
        return t('path.srvRecord', { ...v, addresses: v.addresses === '' ? t('path.noAddress') : v.addresses });
      case 'path.hostItem':
        return `${v.host}:${v.port} (${t(`path.hostSource.${v.source}`)})`;
      case 'path.tcpItem':
        return `${v.host}:${v.port} — ${t(`path.tcpStatus.${v.status}`, { ms: v.ms })}`;
      case 'path.rpcItem':
        return `${v.host}:${v.port} — ${t(`path.rpcStatus.${v.status}`)}`;
      default:
        return t(item.key, v);
    }
  };

  return (
    <div className="client-path">
      <h3>{t('path.heading')}</h3>
      <ol className="chain">
        {hops.map((hop) => (
          <li key={hop.kind} className={`hop hop-${hop.state}`} data-testid={`hop-${hop.kind}`} data-state={hop.state}>
            <h4>
              <span aria-hidden="true" className="hop-symbol">
                {stateSymbols[hop.state]}
              </span>{' '}
              {t(`path.hops.${hop.kind}`)} <span className="hop-state">({t(`path.state.${hop.state}`)})</span>
            </h4>
            <ul>
              {hop.items.map((item, index) => (
                <li key={index} className={`hop-item hop-item-${item.state}`}>
                  {text(item)}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
