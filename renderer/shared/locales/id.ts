/**
 * Bahasa Indonesia: the default language and the source of truth for the message keys.
 * `en.ts` must have exactly these keys (enforced by the `Messages` type).
 */
export const id = {
  app: {
    title: 'Loket',
    loading: 'Memuat data loket…',
    notConnected:
      'Loket tidak terhubung ke layanan penghitung (window.loket tidak ada). Jalankan lewat aplikasi Loket atau `npm start`.',
    notConnectedTitle: 'Loket tidak terhubung',
    retry: 'Coba lagi',
  },
  header: {
    counter: 'Loket {{number}}',
    clock: 'Jam sekarang',
    switchLanguage: 'English',
    switchLanguageLabel: 'Switch to English',
  },
  visitor: {
    heading: 'Pengunjung saat ini',
    idle: 'Tidak ada pengunjung',
    idleHint: 'Tekan F2 untuk mencatat pengunjung langsung.',
    numberLabel: 'Nomor antrean {{number}}',
    service: 'Layanan',
    requirements: 'Informasi layanan',
    noRequirements: 'Tidak ada informasi layanan.',
    elapsed: 'Waktu layanan',
    note: 'Catatan (boleh kosong)',
    noteCount: '{{count}}/{{max}} karakter',
    noteHint: 'F6 untuk menulis catatan.',
  },
  actions: {
    walkIn: 'Pengunjung langsung',
    finishServed: 'Selesai – dilayani',
    finishPending: 'Selesai – tertunda',
    note: 'Catatan',
    busy: 'Sedang diproses…',
  },
  chooser: {
    title: 'Pilih layanan',
    hint: 'Tekan angka 1–9, atau panah lalu Enter. Esc untuk batal.',
    empty: 'Loket ini belum punya layanan. Minta admin menambahkannya.',
    cancel: 'Batal',
  },
  hints: {
    busy: 'Tunggu sebentar, tindakan sebelumnya masih diproses.',
    noVisitor: 'Tidak ada pengunjung yang sedang dilayani. Tekan F2 untuk pengunjung langsung.',
    alreadyServing: 'Selesaikan pengunjung saat ini dahulu (F4 atau F7).',
    chooserOpen: 'Pilih layanan dahulu, atau tekan Esc untuk batal.',
    notReady: 'Data loket belum siap. Tunggu sebentar.',
    started: 'Mulai melayani {{number}}.',
    finishedServed: '{{number}} selesai dilayani.',
    finishedPending: '{{number}} selesai, tertunda.',
  },
  summary: {
    heading: 'Ringkasan hari ini',
    served: 'Dilayani',
    pending: 'Tertunda',
    noShow: 'Tidak hadir',
    average: 'Rata-rata waktu layanan',
    none: 'belum ada',
  },
  table: {
    caption: 'Pengunjung hari ini',
    number: 'Nomor',
    service: 'Layanan',
    outcome: 'Hasil',
    start: 'Mulai',
    duration: 'Durasi',
    empty: 'Belum ada pengunjung yang selesai hari ini.',
  },
  outcome: {
    served: 'Dilayani',
    pending: 'Tertunda',
  },
  unit: {
    hour: 'j',
    minute: 'mnt',
    second: 'dtk',
  },
  errors: {
    heading: 'Tindakan gagal',
    dismiss: 'Tutup pesan kesalahan',
    detail: 'Rincian: {{message}}',
    invalid_request: 'Isian tidak valid. Periksa isian lalu coba lagi.',
    illegal_transition: 'Tindakan ini tidak bisa untuk status tiket sekarang. Muat ulang data lalu coba lagi.',
    not_found: 'Data tidak ditemukan. Muat ulang lalu coba lagi.',
    unknown_counter: 'PC ini terdaftar untuk loket yang tidak ada di konfigurasi. Minta teknisi mendaftarkan ulang PC ini.',
    untrusted_sender: 'Halaman ini tidak boleh memakai Loket. Gunakan jendela aplikasi Loket.',
    unknown_service: 'Loket ini tidak melayani layanan itu. Pilih salah satu layanan di daftar.',
    unknown_channel: 'Versi tampilan dan aplikasi tidak cocok. Mulai ulang aplikasi Loket; bila berulang, hubungi teknisi.',
    counter_busy: 'Loket ini masih melayani pengunjung. Selesaikan dulu dengan F4 atau F7.',
    ticket_not_held: 'Tidak ada pengunjung yang sedang dilayani di loket ini.',
    bridge_disconnected: 'Layanan penghitung tidak menjawab. Tunggu sebentar lalu coba lagi; bila berulang, hubungi teknisi.',
    internal: 'Terjadi kesalahan di aplikasi. Coba lagi; bila berulang, hubungi teknisi.',
    transport: 'Tidak bisa menghubungi layanan penghitung. Periksa aplikasi Loket lalu coba lagi.',
  },
};

/** The shape every language must have: the same keys, every leaf a string. */
export type Messages = {
  [Section in keyof typeof id]: { [Key in keyof (typeof id)[Section]]: string };
};
