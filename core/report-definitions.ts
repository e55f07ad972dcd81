import type { ReportDefinitions, ReportFigure } from './reports-api.ts';

/**
 * What every report figure means (DESIGN.md §4, §8), in Indonesian and English: sent with each
 * report so the dashboard shows it beside the table, and written into the exports.
 */

/** Waits and service times are counted in steps of this many milliseconds for median and p90. */
export const DURATION_STEP_MS = 15_000;
/** Durations longer than this count as this long for median and p90 (12 hours). */
export const DURATION_CAP_MS = 12 * 3_600_000;

type Unit = 'count' | 'percent' | 'seconds' | 'per_hour';
type Entry = [figure: ReportFigure, unit: Unit, labelId: string, labelEn: string, id: string, en: string];

const WAIT_ID =
  'Waktu tunggu = dipanggil − tiket diambil; bila dipanggil ulang, dikembalikan ke antrean atau diaktifkan lagi, panggilan terakhir yang dihitung. Untuk tiket hasil pengalihan, dihitung sejak pengalihan. Diukur untuk setiap pengunjung yang datang ke loket (dilayani, tertunda, dialihkan).';
const WAIT_EN =
  'Wait = called − issued; when recalled, returned to the queue or reactivated, the last call counts. For a ticket made by a transfer, from the transfer. Measured for every visitor who came to the counter (served, pending, transferred).';
const STEP_ID = 'Median dan p90: peringkat terdekat atas durasi yang dibulatkan ke atas ke kelipatan 15 detik (durasi di atas 12 jam dihitung 12 jam).';
const STEP_EN = 'Median and p90: nearest rank over durations rounded up to the next 15 seconds (durations over 12 hours count as 12 hours).';
const SERVICE_ID = 'Waktu layanan = selesai − mulai dilayani (jeda di antaranya ikut terhitung).';
const SERVICE_EN = 'Service time = finished − started (pauses in between included).';

const FIGURES: Entry[] = [
  ['served', 'count', 'Dilayani', 'Served', 'Tiket yang selesai dengan hasil "dilayani".', 'Tickets finished with the outcome served.'],
  ['pending', 'count', 'Tertunda', 'Pending', 'Tiket yang selesai dengan hasil "tertunda" (mis. berkas belum lengkap).', 'Tickets finished with the outcome pending (e.g. documents missing).'],
  ['noShow', 'count', 'Tidak hadir', 'No-show', 'Panggilan yang ditandai tidak hadir. Tiket yang diaktifkan lagi lalu dilayani terhitung sekali tidak hadir (di loket yang menandainya) dan sekali dilayani.', 'Calls marked no-show. A ticket reactivated and then served counts once as a no-show (at the counter that marked it) and once as served.'],
  ['transferred', 'count', 'Dialihkan', 'Transferred', 'Tiket yang dialihkan ke layanan atau loket lain, dihitung di loket yang mengalihkan.', 'Tickets sent on to another service or counter, counted at the counter that sent them.'],
  ['noShowPct', 'percent', 'Tidak hadir (%)', 'No-show (%)', 'Tidak hadir ÷ (dilayani + tertunda + tidak hadir + dialihkan).', 'No-shows ÷ (served + pending + no-shows + transferred).'],
  ['waitN', 'count', 'Jumlah waktu tunggu', 'Waits measured', WAIT_ID, WAIT_EN],
  ['waitAvgS', 'seconds', 'Rata-rata tunggu (detik)', 'Average wait (s)', WAIT_ID, WAIT_EN],
  ['waitMedianS', 'seconds', 'Median tunggu (detik)', 'Median wait (s)', `${WAIT_ID} ${STEP_ID}`, `${WAIT_EN} ${STEP_EN}`],
  ['waitP90S', 'seconds', 'P90 tunggu (detik)', 'P90 wait (s)', `90% pengunjung menunggu paling lama selama ini. ${STEP_ID}`, `90% of visitors waited at most this long. ${STEP_EN}`],
  ['withinTargetPct', 'percent', 'Sesuai target tunggu (%)', 'Within target wait (%)', 'Bagian waktu tunggu yang ≤ target tunggu layanannya (pengaturan saat ini).', "Share of waits at most the service's target wait (its current setting)."],
  ['serviceN', 'count', 'Jumlah waktu layanan', 'Services measured', SERVICE_ID, SERVICE_EN],
  ['serviceAvgS', 'seconds', 'Rata-rata layanan (detik)', 'Average service (s)', SERVICE_ID, SERVICE_EN],
  ['serviceMedianS', 'seconds', 'Median layanan (detik)', 'Median service (s)', `${SERVICE_ID} ${STEP_ID}`, `${SERVICE_EN} ${STEP_EN}`],
  ['serviceP90S', 'seconds', 'P90 layanan (detik)', 'P90 service (s)', `${SERVICE_ID} ${STEP_ID}`, `${SERVICE_EN} ${STEP_EN}`],
  ['signedInS', 'seconds', 'Waktu buka (detik)', 'Signed in (s)', 'Waktu loket dibuka petugas, dari buka sampai tutup, jeda termasuk; loket yang masih buka dihitung sampai sekarang.', 'Time counters were open (signed in), from opening to closing, pauses included; a counter still open counts up to now.'],
  ['busyS', 'seconds', 'Waktu melayani (detik)', 'Serving time (s)', 'Jumlah waktu layanan (mulai → selesai) yang sudah berakhir, dibagi per jam.', 'Sum of finished service times (started → finished), split over clock hours.'],
  ['utilisationPct', 'percent', 'Utilisasi (%)', 'Utilisation (%)', 'Waktu melayani ÷ waktu buka.', 'Serving time ÷ signed-in time.'],
  ['pauseBreakS', 'seconds', 'Jeda istirahat (detik)', 'Paused: break (s)', 'Waktu jeda dengan alasan istirahat.', 'Time paused for a break.'],
  ['pausePrayerS', 'seconds', 'Jeda ibadah (detik)', 'Paused: prayer (s)', 'Waktu jeda dengan alasan ibadah.', 'Time paused for prayer.'],
  ['pauseSystemS', 'seconds', 'Jeda sistem (detik)', 'Paused: system (s)', 'Waktu jeda karena gangguan sistem.', 'Time paused because of a system problem.'],
  ['pauseOtherS', 'seconds', 'Jeda lain (detik)', 'Paused: other (s)', 'Waktu jeda dengan alasan lain.', 'Time paused for another reason.'],
  ['servedPerOpenHour', 'per_hour', 'Dilayani per jam buka', 'Served per open hour', 'Dilayani ÷ jam buka.', 'Served ÷ signed-in hours.'],
];

const NOTES: [topic: string, id: string, en: string][] = [
  ['time', 'Semua angka dari jam server, menurut zona waktu aula. Setiap angka masuk ke hari dan jam kejadiannya: hasil tiket pada saat selesai, tidak hadir atau dialihkan; waktu buka, jeda dan melayani dibagi pada batas jam.', "Every figure comes from server time, in the hall's time zone. Each belongs to the day and hour it happened: a ticket's outcome when it was finished, marked no-show or transferred; open, pause and serving time are split at hour boundaries."],
  ['service', 'Bila dikelompokkan atau disaring per layanan, angka waktu loket (buka, jeda, melayani, utilisasi, per jam buka) tidak diberikan: waktu satu loket dibagi oleh layanan-layanannya.', "When grouped or filtered by service, the counter time figures (signed in, paused, serving, utilisation, per open hour) are not given: one counter's time is shared by its services."],
  ['agency', 'Saring per instansi: tiket menurut instansi layanannya, waktu loket menurut instansi loketnya.', "Filtered by agency: tickets by their service's agency, counter time by the counter's agency."],
  ['heatmap', 'Peta panas: tiket yang diambil (kiosk, daring, walk-in) per hari dan jam; pengalihan tidak dihitung sebagai kedatangan.', 'Heat map: tickets issued (kiosk, online, walk-in) per day and hour; transfers are not arrivals.'],
  ['in_progress', 'Layanan yang belum selesai baru terhitung saat selesai.', 'A service still in progress counts when it ends.'],
];

export const REPORT_DEFINITIONS: ReportDefinitions = {
  figures: FIGURES.map(([figure, unit, labelId, labelEn, id, en]) => ({ figure, unit, label: { id: labelId, en: labelEn }, definition: { id, en } })),
  notes: NOTES.map(([topic, id, en]) => ({ topic, text: { id, en } })),
};

/** A figure's column heading in the given language. */
export function figureLabel(figure: ReportFigure, lang: 'id' | 'en'): string {
  const entry = REPORT_DEFINITIONS.figures.find((f) => f.figure === figure);
  return entry === undefined ? figure : entry.label[lang];
}
