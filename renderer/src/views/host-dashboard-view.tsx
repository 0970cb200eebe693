import { useTranslation } from 'react-i18next';
import { ColumnHeads } from '../components/table-parts.js';
import type { HostDashboard } from '../../../shared/contract/operations.js';
import { formatDateTime, formatDay, formatList, formatNumber } from '../format.js';
import { useLanguage } from '../use-language.js';

const chartHeight = 140;
const barWidth = 14;
const gap = 4;

/** Requests and failures per day as an SVG bar chart (values repeated in a table for assistive tech). */
function RequestsChart({ days }: { days: HostDashboard['requestsPerDay'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const max = Math.max(1, ...days.map((day) => day.requests));
  const width = days.length * (barWidth + gap) + gap;
  const first = days[0];
  const last = days[days.length - 1];
  return (
    <figure className="chart">
      <svg
        role="img"
        aria-label={t('host.chartLabel', { start: first === undefined ? '' : formatDay(first.day, language), end: last === undefined ? '' : formatDay(last.day, language) })}
        viewBox={`0 0 ${width} ${chartHeight + 20}`}
        width="100%"
        height={chartHeight + 20}
        preserveAspectRatio="none"
        data-testid="requests-chart"
      >
        {days.map((day, index) => {
          const height = (day.requests / max) * chartHeight;
          const failed = (day.failures / max) * chartHeight;
          const x = gap + index * (barWidth + gap);
          return (
            <g key={day.day}>
              <rect className="bar-requests" x={x} y={chartHeight - height} width={barWidth} height={height} />
              <rect className="bar-failures" x={x} y={chartHeight - failed} width={barWidth} height={failed} />
            </g>
          );
        })}
        <line x1={0} x2={width} y1={chartHeight} y2={chartHeight} className="axis" />
      </svg>
      {/* Dates under the axis in HTML: the SVG stretches to the width, and text in it would stretch too. */}
      {first !== undefined && last !== undefined && (
        <div className="chart-axis" aria-hidden="true" data-testid="chart-axis">
          <span>{formatDay(first.day, language)}</span>
          {days.length > 2 && <span>{formatDay((days[Math.floor(days.length / 2)] ?? first).day, language)}</span>}
          {days.length > 1 && <span>{formatDay(last.day, language)}</span>}
        </div>
      )}
      <figcaption className="legend">
        <span className="legend-requests">■ {t('host.chartRequests')}</span> <span className="legend-failures">■ {t('host.chartFailures')}</span>
      </figcaption>
      <details>
        <summary>{t('host.chartTableCaption')}</summary>
        <table>
          <caption className="visually-hidden">{t('host.chartTableCaption')}</caption>
          <ColumnHeads labels={[t('host.day'), t('host.chartRequests'), t('host.chartFailures')]} />
          <tbody>
            {days.map((day) => (
              <tr key={day.day}>
                <th scope="row">{formatDay(day.day, language)}</th>
                <td className="numeric">{formatNumber(day.requests, language)}</td>
                <td className="numeric">{formatNumber(day.failures, language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

/** The KMS host dashboard: counts vs thresholds, requests per day, duplicate CMIDs, failures, DNS, firewall. */
export function HostDashboardView({ host }: { host: HostDashboard | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (host === null) return <p className="notice notice-info">{t('host.unavailable')}</p>;
  const date = (iso: string) => formatDateTime(iso, language);

  return (
    <div className="host-dashboard">
      <h3>{t('host.heading')}</h3>
      {host.windowStart !== null && host.windowEnd !== null && <p className="muted">{t('host.window', { start: date(host.windowStart), end: date(host.windowEnd) })}</p>}
      <p data-testid="current-count">{host.currentCount === null ? t('host.currentCountUnknown') : t('host.currentCount', { count: formatNumber(host.currentCount, language) })}</p>

      <section aria-labelledby="counts-heading">
        <h4 id="counts-heading">{t('host.countsHeading')}</h4>
        <ul className="meters">
          {host.families.map((family) => {
            const label = t('host.countMeter', {
              family: t(`host.family.${family.family}`),
              count: formatNumber(family.distinctCmids, language),
              minimum: family.minimumCount,
              cap: family.cap,
            });
            const met = family.distinctCmids >= family.minimumCount;
            return (
              <li key={family.family} data-testid={`family-${family.family}`} className={met ? 'meter-met' : 'meter-short'}>
                <span id={`meter-${family.family}`}>{label}</span>{' '}
                <strong>{met ? t('host.countMet') : t('host.countShort', { missing: family.minimumCount - family.distinctCmids })}</strong>
                <meter aria-labelledby={`meter-${family.family}`} min={0} max={family.cap} low={family.minimumCount} optimum={family.cap} value={Math.min(family.distinctCmids, family.cap)} />
              </li>
            );
          })}
        </ul>
      </section>

      <section aria-labelledby="chart-heading">
        <h4 id="chart-heading">{t('host.chartHeading')}</h4>
        {host.requestsPerDay.length === 0 ? <p>{t('host.noRequests')}</p> : <RequestsChart days={host.requestsPerDay} />}
      </section>

      <section aria-labelledby="duplicates-heading">
        <h4 id="duplicates-heading">{t('host.duplicatesHeading')}</h4>
        {host.duplicateCmids.length === 0 ? (
          <p>{t('host.duplicatesNone')}</p>
        ) : (
          <table data-testid="duplicate-cmids">
            <ColumnHeads labels={[t('host.cmid'), t('host.machines'), t('host.firstSeen'), t('host.lastSeen')]} />
            <tbody>
              {host.duplicateCmids.map((row) => (
                <tr key={row.cmid}>
                  <th scope="row">
                    <code>{row.cmid}</code>
                  </th>
                  <td>{formatList(row.machines, language, 'narrow')}</td>
                  <td>{date(row.firstSeen)}</td>
                  <td>{date(row.lastSeen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <section aria-labelledby="failures-heading">
        <h4 id="failures-heading">{t('host.failuresHeading')}</h4>
        {host.failures.length === 0 ? (
          <p>{t('host.failuresNone')}</p>
        ) : (
          <table data-testid="failures">
            <ColumnHeads labels={[t('host.errorCode'), t('host.count'), t('host.machines')]} />
            <tbody>
              {host.failures.map((row) => (
                <tr key={row.hresult}>
                  <th scope="row">
                    <code>{row.hresult}</code>
                  </th>
                  <td className="numeric">{formatNumber(row.count, language)}</td>
                  <td>{formatList(row.machines, language, 'narrow')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <div className="cards">
        <section aria-labelledby="dns-heading" className="card" data-testid="dns-publishing">
          <h4 id="dns-heading">{t('host.dnsHeading')}</h4>
          <p>{host.dnsPublishing.enabled === true ? t('host.dnsEnabled') : host.dnsPublishing.enabled === false ? t('host.dnsDisabled') : t('host.dnsUnknownSetting')}</p>
          <p className={host.dnsPublishing.result === 'failed' ? 'notice notice-problem' : undefined}>
            {t(`host.dnsResult.${host.dnsPublishing.result}`, { hresult: host.dnsPublishing.hresult ?? '' })}
          </p>
          {host.dnsPublishing.domain !== null && <p>{t('host.dnsDomain', { domain: host.dnsPublishing.domain })}</p>}
        </section>
        <section aria-labelledby="firewall-heading" className="card" data-testid="firewall">
          <h4 id="firewall-heading">{t('host.firewallHeading')}</h4>
          <p className={host.firewall.state === 'closed' ? 'notice notice-problem' : undefined}>{t(`host.firewall.${host.firewall.state}`)}</p>
          {host.firewall.rules.length > 0 && (
            <ul>
              {host.firewall.rules.map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </div>
  );
}
