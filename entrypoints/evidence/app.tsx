/** The evidence manager: list, filters, snapshot view with integrity check, notes, cases, export, import. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { EvidenceProtocol, ImportOutcome } from '../../src/messaging/evidence-messages';
import type { CaseRecord, IntegrityReport, SnapshotRecord } from '../../src/evidence/records';
import { ask, base64ToBlob, downloadExport, importFile } from './api';
import { filterSnapshots, NO_FILTERS, sitesOf, type Filters } from './filter';
import { STRINGS, type Lang, type Strings } from './strings';

type ListData = EvidenceProtocol['evidence-list']['res'];
type Detail = EvidenceProtocol['evidence-get']['res'];

function fmtTime(iso: string, lang: Lang): string {
  try {
    return new Date(iso).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { dateStyle: 'medium', timeStyle: 'medium' });
  } catch {
    return iso;
  }
}

function useObjectUrl(snapshotId: string, name: string | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!name) return;
    let alive = true;
    let made: string | null = null;
    ask('evidence-get-file', { snapshotId, name })
      .then((f) => {
        if (!alive) return;
        made = URL.createObjectURL(base64ToBlob(f.base64, f.mime));
        setUrl(made);
      })
      .catch(() => alive && setUrl(null));
    return () => {
      alive = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [snapshotId, name]);
  return url;
}

export function EvidenceApp({ lang }: { lang: Lang }) {
  const t = STRINGS[lang];
  const [data, setData] = useState<ListData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<string | null>(null);
  const [caseView, setCaseView] = useState<string | null>(null);
  const [importResult, setImportResult] = useState<ImportOutcome | null>(null);
  const [creating, setCreating] = useState(false);

  const reload = () =>
    ask('evidence-list', {})
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  useEffect(() => {
    document.title = `${t.title} — ShopSentinel`;
    // persist() exists only in window contexts (not in the service worker): ask from here.
    void navigator.storage?.persist?.().catch(() => false);
    void reload();
  }, []);

  const cases = data?.cases ?? [];
  const caseName = (id: string | null) => cases.find((c) => c.id === id)?.title ?? '';
  const visible = useMemo(() => (data ? filterSnapshots(data.snapshots, filters) : []), [data, filters]);

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    setStatus(t.loading);
    try {
      const result = await importFile(file);
      setImportResult(result);
      setStatus(null);
      await reload();
    } catch (e) {
      setStatus(t.error + (e as Error).message);
    }
  };

  const exportBundle = async (req: EvidenceProtocol['evidence-export']['req']) => {
    setStatus(t.loading);
    try {
      const r = await ask('evidence-export', req);
      await downloadExport(r);
      setStatus(`${t.exported}${r.fileName} (${r.size} ${t.bytes}). ${t.manifestHash} ${r.manifestSha256}`);
    } catch (e) {
      setStatus(t.error + (e as Error).message);
    }
  };

  return (
    <div class="ev">
      <header class="ev-head">
        <div>
          <h1>{t.title}</h1>
          <p class="muted">{t.subtitle}</p>
        </div>
        <div class="ev-actions">
          <label class="button">
            {t.importZip}
            <input type="file" accept=".zip,application/zip" hidden onChange={(e) => void onImport((e.currentTarget as HTMLInputElement).files?.[0])} />
          </label>
          <button class="primary" onClick={() => setCreating(true)}>{t.newCase}</button>
        </div>
      </header>
      <p class="ev-proves">{t.proves}</p>
      {error && <p class="ev-error" role="alert">{t.error}{error}</p>}
      {status && <p class="ev-status" role="status">{status}</p>}
      {data?.problems.filter((p) => p.interrupted).map((p) => (
        <div key={`interrupted-${p.key}`} class="ev-error" role="alert" data-testid="interrupted-save">
          {t.interruptedSave}
          <div class="small">{p.interrupted!.title || p.interrupted!.url} — <span class="mono">{p.interrupted!.url}</span> — {t.interruptedStarted} {fmtTime(p.interrupted!.startedAt, lang)}</div>
        </div>
      ))}
      {data && data.problems.some((p) => !p.interrupted) && (
        <div class="ev-error">
          {t.problems}
          <ul>{data.problems.filter((p) => !p.interrupted).map((p) => <li key={p.store + p.key}>{p.store} {p.key}: {p.message}</li>)}</ul>
        </div>
      )}
      {importResult && <ImportResultView t={t} r={importResult} onClose={() => setImportResult(null)} />}
      {creating && (
        <NewCase
          t={t}
          onCancel={() => setCreating(false)}
          onCreate={async (title, note) => {
            try {
              await ask('evidence-create-case', note ? { title, note } : { title });
              setCreating(false);
              await reload();
            } catch (e) {
              setStatus(t.error + (e as Error).message);
            }
          }}
        />
      )}

      {selected ? (
        <SnapshotView
          key={selected}
          id={selected}
          lang={lang}
          t={t}
          caseName={caseName}
          onBack={() => setSelected(null)}
          onExport={(l) => void exportBundle({ snapshotId: selected, lang: l })}
          onDeleted={() => {
            setSelected(null);
            setStatus(t.deleted);
            void reload();
          }}
        />
      ) : (
        <>
          <Cases t={t} lang={lang} cases={cases} open={caseView} onOpen={setCaseView} onExport={(id) => void exportBundle({ caseId: id, lang })} />
          <div class="ev-filters">
            <input type="search" placeholder={t.search} value={filters.text} onInput={(e) => setFilters({ ...filters, text: (e.currentTarget as HTMLInputElement).value })} />
            <select aria-label={t.allSites} value={filters.site} onChange={(e) => setFilters({ ...filters, site: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">{t.allSites}</option>
              {sitesOf(data?.snapshots ?? []).map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
            <select aria-label={t.allCases} value={filters.caseId} onChange={(e) => setFilters({ ...filters, caseId: (e.currentTarget as HTMLSelectElement).value })}>
              <option value="">{t.allCases}</option>
              <option value="-">{t.noCase}</option>
              {cases.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
            </select>
            <label>{t.from} <input type="date" value={filters.from} onInput={(e) => setFilters({ ...filters, from: (e.currentTarget as HTMLInputElement).value })} /></label>
            <label>{t.to} <input type="date" value={filters.to} onInput={(e) => setFilters({ ...filters, to: (e.currentTarget as HTMLInputElement).value })} /></label>
          </div>
          {!data && !error && <p class="muted">{t.loading}</p>}
          {data && data.snapshots.length === 0 && <p class="ev-empty">{t.empty}</p>}
          {data && data.snapshots.length > 0 && visible.length === 0 && <p class="ev-empty">{t.noMatch}</p>}
          <ul class="ev-list">
            {visible.map((s) => <SnapshotCard key={s.id} s={s} t={t} lang={lang} caseName={caseName(s.caseId)} onOpen={() => setSelected(s.id)} />)}
          </ul>
          {data && data.deletions.length > 0 && (
            <details class="ev-deletions">
              <summary>{t.deletions} ({data.deletions.length})</summary>
              <ul>{data.deletions.map((d) => <li key={d.id}>{fmtTime(d.at, lang)} — {d.title || d.url} — {d.reason} {d.caseId ? `(${caseName(d.caseId)})` : ''}</li>)}</ul>
            </details>
          )}
          {data?.storage && <p class="muted small">{t.storage}: {(data.storage.usage / 1048576).toFixed(1)} MB / {(data.storage.quota / 1048576).toFixed(0)} MB{data.storage.persisted ? ' · persistent' : ''}</p>}
        </>
      )}
    </div>
  );
}

function SnapshotCard({ s, t, lang, caseName, onOpen }: { s: SnapshotRecord; t: Strings; lang: Lang; caseName: string; onOpen: () => void }) {
  const thumb = useObjectUrl(s.id, s.thumbnail ? 'thumbnail' : 'screenshot-viewport.png');
  return (
    <li class={`ev-card level-${s.level ?? 'safe'}`}>
      <button class="ev-card-btn" onClick={onOpen}>
        <div class="ev-thumb">{thumb ? <img src={thumb} alt="" /> : null}</div>
        <div class="ev-card-body">
          <div class="ev-card-title">{s.title || s.host}</div>
          <div class="mono small">{s.host}</div>
          <div class="small muted">{fmtTime(s.createdAt, lang)}</div>
          <div class="small">
            {s.score !== null && <span class="ev-level">{t.levels[s.level ?? ''] ?? s.level} {s.score}</span>}
            {caseName && <span class="ev-tag">{caseName}</span>}
            {s.imported && <span class="ev-tag">{t.imported}</span>}
          </div>
        </div>
      </button>
    </li>
  );
}

function SnapshotView(props: { id: string; lang: Lang; t: Strings; caseName: (id: string | null) => string; onBack: () => void; onExport: (lang: Lang) => void; onDeleted: () => void }) {
  const { id, lang, t } = props;
  const [d, setD] = useState<Detail | null>(null);
  const [err, setErr] = useState<string | null>(null);
  const [integrity, setIntegrity] = useState<IntegrityReport | null>(null);
  const [shot, setShot] = useState('screenshot-viewport.png');
  const [noteText, setNoteText] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [reason, setReason] = useState('');
  const shotUrl = useObjectUrl(id, shot);
  const load = () => ask('evidence-get', { snapshotId: id }).then(setD).catch((e: Error) => setErr(e.message));
  useEffect(() => {
    void load();
    ask('evidence-check', { snapshotId: id }).then(setIntegrity).catch((e: Error) => setErr(e.message));
  }, [id]);
  if (err) return <div><button onClick={props.onBack}>{t.back}</button><p class="ev-error">{t.error}{err}</p></div>;
  if (!d) return <p class="muted">{t.loading}</p>;
  const c = d.capture;
  const shots = d.snapshot.artefacts.filter((a) => a.mime === 'image/png');
  return (
    <article class="ev-view">
      <button onClick={props.onBack}>{t.back}</button>
      <h2>{c.title || d.snapshot.host}</h2>
      <section class={`ev-integrity ${integrity ? (integrity.ok ? 'ok' : 'bad') : ''}`} aria-live="polite">
        <b>{t.integrity}: </b>
        {!integrity ? t.checking : integrity.ok ? t.intact : (
          <>
            {t.broken}
            <ul>{integrity.files.filter((f) => !f.ok).map((f) => <li key={f.name} class="mono">{f.name}</li>)}</ul>
          </>
        )}
      </section>
      <div class="ev-view-actions">
        <button class="primary" onClick={() => props.onExport('zh')}>{t.exportZh}</button>
        <button onClick={() => props.onExport('en')}>{t.exportEn}</button>
        <button class="danger" onClick={() => setDeleting(true)}>{t.delete}</button>
      </div>
      {deleting && (
        <div class="ev-dialog" role="dialog" aria-modal="true">
          <p><b>{t.deleteConfirm}</b> {d.snapshot.caseId ? t.deleteLogged : ''}</p>
          <label>{t.deleteReason} <input value={reason} onInput={(e) => setReason((e.currentTarget as HTMLInputElement).value)} /></label>
          <div>
            <button class="danger" onClick={() => ask('evidence-delete', { snapshotId: id, reason }).then(props.onDeleted).catch((e: Error) => setErr(e.message))}>{t.confirmDelete}</button>
            <button onClick={() => setDeleting(false)}>{t.cancel}</button>
          </div>
        </div>
      )}
      <section>
        <h3>{t.screenshot}</h3>
        {shots.length > 1 && (
          <div class="ev-shot-tabs">
            {shots.map((a) => <button key={a.name} class={a.name === shot ? 'primary' : ''} onClick={() => setShot(a.name)}>{a.role === 'screenshot-viewport' ? t.viewport : `${t.fullPage} ${a.name.replace(/\D+/g, '')}`}</button>)}
          </div>
        )}
        <div class="ev-shot">{shotUrl ? <img src={shotUrl} alt={t.screenshot} /> : <span class="muted">{t.loading}</span>}</div>
      </section>
      <section>
        <h3>{t.findings}</h3>
        {c.findings.length === 0 ? <p>{t.noFindings}</p> : (
          <ol class="ev-findings">
            {c.findings.map((f, i) => (
              <li key={i} class={`sev-${String(f.severity)}`}>
                <b>{f.title ? f.title[lang] : f.ruleId}</b> <span class="ev-tag">{String(f.category)}</span> <span class="ev-tag">{String(f.severity)}</span>
                {f.excerpt && <blockquote>{f.excerpt.before}<mark>{f.excerpt.match}</mark>{f.excerpt.after}</blockquote>}
                {f.explanation && <p>{f.explanation[lang]}</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h3>{t.metadata}</h3>
        <table class="ev-facts">
          <tbody>
            <tr><th>{t.url}</th><td class="mono">{c.url}</td></tr>
            {c.finalUrl !== c.url && <tr><th>{t.finalUrl}</th><td class="mono">{c.finalUrl}</td></tr>}
            <tr><th>{t.captured}</th><td>{c.capturedAt.local} ({c.capturedAt.timeZone})<br /><span class="mono small">UTC {c.capturedAt.utc}</span></td></tr>
            <tr><th>{t.browser}</th><td>{c.browser.name} {c.browser.version}</td></tr>
            <tr><th>{t.versions}</th><td>{c.extension.version} / {c.ruleSet.version}</td></tr>
            <tr><th>{t.score}</th><td>{c.report ? `${c.report.score} · ${t.levels[String(c.report.level)] ?? c.report.level}` : '—'}</td></tr>
            {d.case && <tr><th>{t.case}</th><td>{d.case.title}</td></tr>}
            <tr><th>{t.digest}</th><td class="mono small hash">{d.snapshot.digest}</td></tr>
          </tbody>
        </table>
        {c.warnings.length > 0 && <><h4>{t.warnings}</h4><ul>{c.warnings.map((w) => <li key={w}>{w}</li>)}</ul></>}
      </section>
      <section>
        <h3>{t.files}</h3>
        <table class="ev-facts">
          <tbody>
            {d.snapshot.artefacts.map((a) => {
              const check = integrity?.files.find((f) => f.name === a.name);
              return <tr key={a.name}><td class="mono">{check ? (check.ok ? '✓ ' : '✗ ') : ''}{a.name}</td><td>{a.size}</td><td class="mono small hash">{a.sha256}</td></tr>;
            })}
          </tbody>
        </table>
      </section>
      <section>
        {c.note && <><h3>{t.originalNote}</h3><p class="ev-note">{c.note}</p></>}
        <h3>{t.notes}</h3>
        {d.notes.map((n) => (
          <div key={n.id} class="ev-note">
            {editing === n.id ? (
              <>
                <textarea value={noteText} onInput={(e) => setNoteText((e.currentTarget as HTMLTextAreaElement).value)} />
                <button onClick={() => ask('evidence-update-notes', { noteId: n.id, snapshotId: id, text: noteText }).then(() => { setEditing(null); void load(); }).catch((e: Error) => setErr(e.message))}>{t.saveNote}</button>
              </>
            ) : (
              <>
                <p>{n.text}</p>
                <span class="muted small">{fmtTime(n.updatedAt, lang)}</span> <button class="link" onClick={() => { setEditing(n.id); setNoteText(n.text); }}>{t.edit}</button>
              </>
            )}
          </div>
        ))}
        {editing === null && (
          <div class="ev-note-new">
            <textarea placeholder={t.addNote} value={noteText} onInput={(e) => setNoteText((e.currentTarget as HTMLTextAreaElement).value)} />
            <button disabled={!noteText.trim()} onClick={() => ask('evidence-update-notes', { snapshotId: id, text: noteText }).then(() => { setNoteText(''); void load(); }).catch((e: Error) => setErr(e.message))}>{t.saveNote}</button>
          </div>
        )}
      </section>
    </article>
  );
}

function Cases({ t, lang, cases, open, onOpen, onExport }: { t: Strings; lang: Lang; cases: CaseRecord[]; open: string | null; onOpen: (id: string | null) => void; onExport: (id: string) => void }) {
  const [view, setView] = useState<EvidenceProtocol['evidence-get-case']['res'] | null>(null);
  useEffect(() => {
    setView(null);
    if (open) ask('evidence-get-case', { caseId: open }).then(setView).catch(() => setView(null));
  }, [open]);
  if (cases.length === 0) return null;
  return (
    <section class="ev-cases">
      <h2>{t.cases}</h2>
      <ul>
        {cases.map((c) => (
          <li key={c.id}>
            <b>{c.title}</b> <span class="muted small">{fmtTime(c.createdAt, lang)} · {c.records} {t.records}</span>
            <button class="link" onClick={() => onOpen(open === c.id ? null : c.id)}>{t.viewCase}</button>
            <button class="link" onClick={() => onExport(c.id)}>{t.exportCase}</button>
            {open === c.id && view && (
              <div class="ev-chain">
                <p class={view.chainOk ? 'ok' : 'bad'}>{view.chainOk ? `✓ ${t.chainOk}` : `✗ ${t.chainBroken}: ${view.chainProblems.join('; ')}`}</p>
                {view.notes.map((n) => <p key={n.id} class="ev-note">{n.text}</p>)}
                <ol start={0}>
                  {view.records.map((r) => (
                    <li key={r.seq}><span class="small">{fmtTime(r.at, lang)}</span> — {t.events[r.kind] ?? r.kind} <span class="mono small">{Object.entries(r.data).map(([k, v]) => `${k}: ${String(v).slice(0, 24)}`).join(' · ')}</span> <span class="mono small muted">#{r.hash.slice(0, 12)}</span></li>
                  ))}
                </ol>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewCase({ t, onCreate, onCancel }: { t: Strings; onCreate: (title: string, note: string) => void; onCancel: () => void }) {
  const [title, setTitle] = useState('');
  const [note, setNote] = useState('');
  return (
    <div class="ev-dialog" role="dialog" aria-modal="true">
      <input placeholder={t.caseTitle} value={title} onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
      <textarea placeholder={t.caseNote} value={note} onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)} />
      <div>
        <button class="primary" disabled={!title.trim()} onClick={() => onCreate(title.trim(), note.trim())}>{t.create}</button>
        <button onClick={onCancel}>{t.cancel}</button>
      </div>
    </div>
  );
}

function ImportResultView({ t, r, onClose }: { t: Strings; r: ImportOutcome; onClose: () => void }) {
  const rows: [string, string][] = [
    ...r.changed.map((p) => [t.changed, `${p.path}: ${p.detail}`] as [string, string]),
    ...r.missing.map((p) => [t.missing, `${p.path}: ${p.detail}`] as [string, string]),
    ...r.extra.map((p) => [t.extra, `${p.path}: ${p.detail}`] as [string, string]),
    ...r.chain.map((c) => [t.chain, c] as [string, string]),
    ...r.other.map((c) => [t.other, c] as [string, string]),
  ];
  return (
    <section class={`ev-import ${r.status === 'intact' ? 'ok' : 'bad'}`} role="status">
      <h3>{t.importTitle}</h3>
      <p>{r.status === 'intact' ? (r.imported.snapshots.length === 0 && r.imported.skipped.length > 0 ? t.importNothingNew : t.importIntact) : r.status === 'tampered' ? t.importTampered : t.importNotBundle + r.message}</p>
      {rows.length > 0 && <ul>{rows.map(([k, v], i) => <li key={i}><b>{k}</b> <span class="mono small">{v}</span></li>)}</ul>}
      {r.imported.skipped.length > 0 && <p class="small">{t.importSkipped}{r.imported.skipped.join(', ')}</p>}
      {r.manifestSha256 && <p class="small">manifest.json SHA-256: <span class="mono hash">{r.manifestSha256}</span></p>}
      <button onClick={onClose}>{t.close}</button>
    </section>
  );
}
