/**
 * report.html: a self-contained, printable, complaint-ready report in Chinese or English.
 * No scripts, no network: images are referenced by relative path so they show once the ZIP is extracted.
 */
import type { CaptureInfo, ChainRecord, Note } from './types';

export type ReportLang = 'zh' | 'en';

export interface ReportSnapshot {
  capture: CaptureInfo;
  /** folder of the snapshot inside the bundle ("" or "snapshots/<id>/") */
  dir: string;
  digest: string;
  files: { path: string; sha256: string; size: number }[];
  notes: Note[];
}

export interface ReportInput {
  lang: ReportLang;
  generatedAt: string;
  generator: { name: string; version: string };
  snapshots: ReportSnapshot[];
  case?: { id: string; title: string; createdAt: string; records: ChainRecord[]; chainHead: string };
}

const T = {
  zh: {
    title: '购物哨兵 证据报告',
    caseTitle: '案件',
    generated: '报告生成时间',
    summary: '概要',
    page: '网页标题',
    url: '网址',
    finalUrl: '最终网址',
    site: '网站',
    captured: '保存时间',
    utc: '协调世界时',
    local: '本地时间',
    browser: '浏览器',
    extension: '扩展与规则版本',
    score: '风险评分',
    level: '风险等级',
    levels: { safe: '安全', caution: '注意', warning: '警告', danger: '危险' } as Record<string, string>,
    noReport: '保存时没有评分结果',
    findings: '发现的问题',
    noFindings: '保存时没有发现问题。',
    category: '类别',
    severity: '严重程度',
    quote: '页面原文',
    why: '说明',
    legal: '法律依据',
    times: '次',
    note: '用户备注（保存时）',
    laterNotes: '后来添加的备注（不属于原始证据）',
    screenshots: '截图',
    viewport: '可见区域截图',
    full: '整页截图',
    files: '文件与 SHA-256 哈希值',
    file: '文件',
    size: '大小（字节）',
    digest: '快照摘要（原始文件列表的 SHA-256）',
    warnings: '保存时的提示',
    chain: '案件记录（哈希链）',
    seq: '序号',
    time: '时间',
    event: '事件',
    details: '内容',
    hash: '记录哈希',
    chainHead: '链头哈希',
    events: {
      'case-created': '创建案件',
      'snapshot-added': '加入快照',
      'snapshot-deleted': '删除快照',
      'note-saved': '保存备注',
      'case-updated': '修改案件',
    } as Record<string, string>,
    proveTitle: '哈希值能证明什么，不能证明什么',
    prove: [
      '能证明：本证据包中的每个文件自保存以来没有被改动过——任何一个字节的变化都会使 SHA-256 哈希值不再一致。案件中的记录按顺序以哈希链相连，删除、插入或改动任何一条记录都会被发现。',
      '不能证明：保存的时间和网页内容本身是真实的。这些文件由您自己的电脑生成和保存，没有独立的第三方见证；有人如果重新生成全部文件和哈希值，仅凭本证据包无法识别。',
      '需要更强的证明力时，请尽快通过公证处办理网页证据保全公证，或使用可信的第三方电子数据存证平台（可信时间戳、区块链存证等）保存同一页面。也可以现在就把 manifest.json 的哈希值发给对方或投诉平台，留下一个时间点。',
    ],
    verifyTitle: '如何自行核对',
    verify: [
      '解压 ZIP 后，在该文件夹中运行：<code>sha256sum -c SHA256SUMS</code>（macOS：<code>shasum -a 256 -c SHA256SUMS</code>），每一行都应显示 “OK”。',
      'Windows PowerShell：<code>Get-FileHash 文件名 -Algorithm SHA256</code>，与上表对照。',
      '使用购物哨兵命令行：<code>npm run cli -- verify 证据包.zip</code>。',
    ],
    complainTitle: '如何投诉与维权',
    complain: [
      '<b>向购物平台投诉：</b>在订单页面通过“申请售后 / 投诉商家 / 联系客服”发起，写明订单号、付款金额和时间、问题所在（可引用上面“页面原文”），附上本报告和截图。保存好聊天记录和平台的处理结果。',
      '<b>向 12315 投诉：</b>登录全国 12315 平台（www.12315.cn）、“全国 12315”小程序或拨打 12315 热线。提供商家名称、网址或店铺链接、交易时间、金额、订单号、您的诉求，并上传本证据包中的报告和截图。',
      '<b>联系银行卡发卡行 / 支付机构：</b>如已付款，尽快拨打卡背面的客服电话或支付平台客服，说明交易有争议，申请拒付（退单 / chargeback）或交易争议处理；如在可疑页面输入过卡号、密码或验证码，立即冻结或挂失银行卡并修改密码。拒付通常有时限，请尽早办理。',
      '<b>涉及诈骗或资金损失：</b>拨打 110 报警或 96110 反诈专线，并保留本证据包原件（不要修改其中的任何文件）。',
    ],
    footer: '本报告由购物哨兵在您的设备上生成，未上传任何数据。',
    bytes: '字节',
    yes: '是',
    no: '否',
    fullNote: '整页截图',
    truncatedNote: '（页面过长，整页截图只覆盖了开头部分）',
  },
  en: {
    title: 'ShopSentinel evidence report',
    caseTitle: 'Case',
    generated: 'Report generated',
    summary: 'Summary',
    page: 'Page title',
    url: 'Address',
    finalUrl: 'Final address',
    site: 'Site',
    captured: 'Saved at',
    utc: 'UTC',
    local: 'Local time',
    browser: 'Browser',
    extension: 'Extension and rule-set versions',
    score: 'Risk score',
    level: 'Risk level',
    levels: { safe: 'safe', caution: 'caution', warning: 'warning', danger: 'danger' } as Record<string, string>,
    noReport: 'No score was available when the page was saved',
    findings: 'What was found',
    noFindings: 'Nothing was flagged when the page was saved.',
    category: 'Category',
    severity: 'Severity',
    quote: 'Text on the page',
    why: 'Why it matters',
    legal: 'Legal basis',
    times: 'times',
    note: 'Your note (at capture)',
    laterNotes: 'Notes added later (not part of the original evidence)',
    screenshots: 'Screenshots',
    viewport: 'Visible area',
    full: 'Full page',
    files: 'Files and SHA-256 hashes',
    file: 'File',
    size: 'Size (bytes)',
    digest: 'Snapshot digest (SHA-256 of the list of original files)',
    warnings: 'Notes from the capture',
    chain: 'Case record (hash chain)',
    seq: '#',
    time: 'Time',
    event: 'Event',
    details: 'Details',
    hash: 'Record hash',
    chainHead: 'Chain head',
    events: {
      'case-created': 'Case opened',
      'snapshot-added': 'Snapshot added',
      'snapshot-deleted': 'Snapshot deleted',
      'note-saved': 'Note saved',
      'case-updated': 'Case updated',
    } as Record<string, string>,
    proveTitle: 'What the hashes prove, and what they do not',
    prove: [
      'They prove that every file in this bundle is unchanged since it was saved: changing a single byte changes its SHA-256 hash. Records of a case are linked in a hash chain, so removing, inserting or altering any record is detected.',
      'They do not prove when the page was saved or that it really looked like this: the files were made and kept on your own computer, with no independent witness, and someone who regenerated every file and every hash could not be caught by this bundle alone.',
      'When you need stronger proof, have a notary preserve the web page, or save the same page with a trusted third-party evidence-preservation (存证) or timestamping service. You can also send the hash of manifest.json to the seller or the complaint platform now, to fix a point in time.',
    ],
    verifyTitle: 'How to check it yourself',
    verify: [
      'Extract the ZIP and, in that folder, run <code>sha256sum -c SHA256SUMS</code> (macOS: <code>shasum -a 256 -c SHA256SUMS</code>); every line must say "OK".',
      'Windows PowerShell: <code>Get-FileHash FILE -Algorithm SHA256</code>, and compare with the table above.',
      'With the ShopSentinel command line: <code>npm run cli -- verify BUNDLE.zip</code>.',
    ],
    complainTitle: 'How to complain',
    complain: [
      '<b>To the shopping platform:</b> from the order page use "return / report seller / contact support". Give the order number, amount and date, and what is wrong (quote the text above), and attach this report and the screenshots. Keep the chat history and the platform\'s answer.',
      '<b>To 12315 (China\'s consumer-complaint service):</b> file at www.12315.cn, in the "全国12315" mini-program or by calling 12315. Give the seller\'s name, the web address or shop link, the date, amount and order number, what you want, and upload this report and the screenshots. Outside China, use your national consumer authority (e.g. reportfraud.ftc.gov in the US).',
      '<b>To your card issuer or payment provider:</b> if you paid, call the number on the back of your card or the payment service at once, say the transaction is disputed and ask for a chargeback. If you typed a card number, PIN or SMS code into a suspicious page, block the card and change your passwords now. Chargebacks have deadlines: act early.',
      '<b>Fraud or lost money:</b> report it to the police (in China 110, or the 96110 anti-fraud line), and keep this bundle unmodified.',
    ],
    footer: 'This report was generated by ShopSentinel on your device; nothing was uploaded.',
    bytes: 'bytes',
    yes: 'yes',
    no: 'no',
    fullNote: 'Full page',
    truncatedNote: '(the page was too long: the full-page image covers only its beginning)',
  },
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Only relative paths of files we wrote ever become an <img src>. */
function safeSrc(path: string): string {
  return path
    .split('/')
    .map((p) => encodeURIComponent(p))
    .join('/');
}

function renderSnapshot(s: ReportSnapshot, t: (typeof T)['zh' | 'en'], lang: ReportLang, index: number, total: number): string {
  const c = s.capture;
  const e = escapeHtml;
  const rows: [string, string][] = [
    [t.page, e(c.title)],
    [t.site, e(hostOf(c.finalUrl || c.url))],
    [t.url, `<span class="mono">${e(c.url)}</span>`],
  ];
  if (c.finalUrl && c.finalUrl !== c.url) rows.push([t.finalUrl, `<span class="mono">${e(c.finalUrl)}</span>`]);
  rows.push([t.captured, `${e(c.capturedAt.local)} (${e(c.capturedAt.timeZone)})<br>${t.utc}: <span class="mono">${e(c.capturedAt.utc)}</span>`]);
  rows.push([t.browser, e(`${c.browser.name} ${c.browser.version}`)]);
  rows.push([t.extension, e(`${c.extension.name} ${c.extension.version} · rules ${c.ruleSet.version}${c.ruleSet.rules !== undefined ? ` (${c.ruleSet.rules})` : ''}`)]);
  if (c.report) {
    rows.push([t.score, `<b>${e(String(c.report.score))}</b> / 100`]);
    rows.push([t.level, `<span class="level level-${e(String(c.report.level))}">${e(t.levels[String(c.report.level)] ?? String(c.report.level))}</span>`]);
  } else rows.push([t.score, e(t.noReport)]);

  const findings = c.findings.length
    ? `<ol class="findings">${c.findings
        .map((f) => {
          const title = f.title ? f.title[lang] : f.ruleId;
          const quote = f.excerpt
            ? `<blockquote>${e(f.excerpt.before)}<mark>${e(f.excerpt.match)}</mark>${e(f.excerpt.after)}</blockquote>`
            : '';
          return `<li><div class="ftitle"><b>${e(title)}</b> <span class="tag">${e(String(f.category))}</span> <span class="tag sev-${e(String(f.severity))}">${e(String(f.severity))}</span>${
            f.occurrences && f.occurrences > 1 ? ` <span class="muted">×${f.occurrences} ${t.times}</span>` : ''
          }</div>${quote ? `<div class="lbl">${t.quote}</div>${quote}` : ''}${f.explanation ? `<p>${e(f.explanation[lang])}</p>` : ''}${
            f.legalBasis ? `<p class="muted">${t.legal}: ${e(f.legalBasis[lang])}</p>` : ''
          }<p class="muted mono">${e(f.ruleId)}</p></li>`;
        })
        .join('')}</ol>`
    : `<p>${t.noFindings}</p>`;

  const shots = s.files.filter((f) => f.path.endsWith('.png'));
  const shotsHtml = shots.length
    ? `<h3>${t.screenshots}</h3>${shots
        .map((f) => {
          const label = /viewport/.test(f.path) ? t.viewport : t.full;
          const cls = /viewport/.test(f.path) ? 'viewport' : 'full';
          return `<figure class="${cls}"><a href="${safeSrc(f.path.slice(s.dir.length))}"><img src="${safeSrc(f.path.slice(s.dir.length))}" alt="${e(label)}"></a><figcaption>${e(label)} — <span class="mono">${e(f.path.slice(s.dir.length))}</span></figcaption></figure>`;
        })
        .join('')}${c.page.fullPage.truncated ? `<p class="muted">${t.truncatedNote}</p>` : ''}`
    : '';

  const files = `<table class="files"><thead><tr><th>${t.file}</th><th>${t.size}</th><th>SHA-256</th></tr></thead><tbody>${s.files
    .map((f) => `<tr><td class="mono">${e(f.path)}</td><td>${f.size}</td><td class="mono hash">${e(f.sha256)}</td></tr>`)
    .join('')}</tbody></table><p>${t.digest}: <span class="mono hash">${e(s.digest)}</span></p>`;

  const note = c.note.trim() ? `<h3>${t.note}</h3><p class="note">${e(c.note)}</p>` : '';
  const later = s.notes.length
    ? `<h3>${t.laterNotes}</h3>${s.notes.map((n) => `<p class="note">${e(n.text)}<br><span class="muted">${e(n.updatedAt)}</span></p>`).join('')}`
    : '';
  const warnings = c.warnings.length ? `<h3>${t.warnings}</h3><ul>${c.warnings.map((w) => `<li>${e(w)}</li>`).join('')}</ul>` : '';

  const heading = total > 1 ? `<h2>${index + 1}. ${e(c.title || hostOf(c.url))}</h2>` : `<h2>${t.summary}</h2>`;
  return `<section class="snapshot">${heading}<table class="facts">${rows
    .map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`)
    .join('')}</table><h3>${t.findings}</h3>${findings}${note}${later}${shotsHtml}<h3>${t.files}</h3>${files}${warnings}</section>`;
}

function renderChain(input: NonNullable<ReportInput['case']>, t: (typeof T)['zh' | 'en']): string {
  const e = escapeHtml;
  return `<section><h2>${t.chain}</h2><table class="files"><thead><tr><th>${t.seq}</th><th>${t.time}</th><th>${t.event}</th><th>${t.details}</th><th>${t.hash}</th></tr></thead><tbody>${input.records
    .map(
      (r) =>
        `<tr><td>${r.seq}</td><td class="mono">${e(r.at)}</td><td>${e(t.events[r.kind] ?? r.kind)}</td><td class="mono small">${e(
          Object.entries(r.data)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join('; '),
        )}</td><td class="mono hash">${e(r.hash)}</td></tr>`,
    )
    .join('')}</tbody></table><p>${t.chainHead}: <span class="mono hash">${e(input.chainHead)}</span></p></section>`;
}

export function renderReportHtml(input: ReportInput): string {
  const t = T[input.lang];
  const e = escapeHtml;
  const title = input.case ? `${t.title} — ${t.caseTitle}: ${input.case.title}` : t.title;
  const body = [
    `<header><h1>${e(title)}</h1><p class="muted">${t.generated}: <span class="mono">${e(input.generatedAt)}</span> · ${e(input.generator.name)} ${e(input.generator.version)}</p></header>`,
    ...input.snapshots.map((s, i) => renderSnapshot(s, t, input.lang, i, input.snapshots.length)),
    input.case ? renderChain(input.case, t) : '',
    `<section class="box"><h2>${t.proveTitle}</h2>${t.prove.map((p) => `<p>${p}</p>`).join('')}</section>`,
    `<section><h2>${t.verifyTitle}</h2><ol>${t.verify.map((p) => `<li>${p}</li>`).join('')}</ol></section>`,
    `<section><h2>${t.complainTitle}</h2><ol>${t.complain.map((p) => `<li>${p}</li>`).join('')}</ol></section>`,
    `<footer class="muted">${t.footer}</footer>`,
  ].join('\n');
  return `<!doctype html>
<html lang="${input.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'">
<title>${e(title)}</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:960px;margin:24px auto;padding:0 16px;color:#111;line-height:1.5}
h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:2px solid #333;padding-bottom:2px;margin-top:28px}h3{margin-top:18px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #bbb;padding:4px 6px;vertical-align:top;text-align:left}
table.facts th{width:12em;background:#f3f3f3}.mono{font-family:ui-monospace,Menlo,Consolas,monospace}.hash{word-break:break-all;font-size:.85em}
.small{font-size:.85em}.muted{color:#555}.tag{display:inline-block;border:1px solid #888;border-radius:3px;padding:0 4px;font-size:.8em}
.sev-critical,.sev-high{border-color:#b00;color:#b00}.level-danger{color:#b00;font-weight:bold}.level-warning{color:#c60;font-weight:bold}
blockquote{margin:4px 0;padding:4px 8px;border-left:4px solid #c60;background:#fff8ef}mark{background:#ffd27a}
.findings li{margin-bottom:10px}.lbl{font-size:.8em;color:#555}.note{white-space:pre-wrap;border:1px dashed #999;padding:6px}
figure{margin:8px 0}figure img{max-width:100%;border:1px solid #999}figure.full img{max-width:360px}.box{border:2px solid #333;padding:0 12px;margin-top:24px}
@media print{body{margin:0;max-width:none}section{page-break-inside:auto}h2{page-break-after:avoid}figure{page-break-inside:avoid}figure img{max-height:24cm}}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
