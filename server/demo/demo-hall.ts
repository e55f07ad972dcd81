import type { HallConfig, Role, Service } from '../../core/domain.ts';
import type { BookingSettings } from '../../core/visitor-api.ts';

/**
 * A real-sized demo: MPP Kabupaten Lebong (Bengkulu) with twelve agencies, their services and
 * twenty counters. Requirements texts follow what these offices publish for the service.
 */
type ServiceSeed = [id: string, prefix: string, name: string, requirements: string, targetWait: number, targetService: number, quota: number | null];
type AgencySeed = { id: string; name: string; shortName: string; color: string; counters: number; services: ServiceSeed[] };

const AGENCIES: AgencySeed[] = [
  { id: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', shortName: 'Disdukcapil', color: '#1f6feb', counters: 4, services: [
    ['ktp-el', 'A', 'Perekaman & Cetak KTP-el', 'Fotokopi Kartu Keluarga; surat keterangan kehilangan dari kepolisian bila hilang; KTP-el lama bila rusak.', 20, 10, 150],
    ['kk', 'B', 'Kartu Keluarga', 'KK lama; buku nikah/akta perkawinan atau akta cerai; surat keterangan pindah bila pindah datang.', 20, 8, 120],
    ['akta-lahir', 'C', 'Akta Kelahiran', 'Surat keterangan lahir dari bidan/rumah sakit; KK; KTP-el kedua orang tua; buku nikah orang tua.', 25, 10, 80],
    ['akta-mati', 'D', 'Akta Kematian', 'Surat keterangan kematian dari desa/rumah sakit; KK dan KTP-el almarhum; KTP-el pelapor.', 25, 10, 40],
    ['pindah', 'E', 'Surat Pindah / Pindah Datang', 'KK dan KTP-el; alamat tujuan lengkap; surat keterangan pindah (SKPWNI) untuk pindah datang.', 25, 10, 60],
  ] },
  { id: 'dpmptsp', name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu', shortName: 'DPMPTSP', color: '#0b7a75', counters: 2, services: [
    ['nib', 'F', 'Perizinan Berusaha (NIB/OSS)', 'KTP-el; NPWP; alamat usaha; email dan nomor HP aktif untuk akun OSS.', 30, 20, 40],
    ['pbg', 'G', 'Persetujuan Bangunan Gedung (PBG)', 'KTP-el; bukti kepemilikan tanah; gambar rencana bangunan; dokumen teknis sesuai fungsi bangunan.', 30, 25, 20],
  ] },
  { id: 'samsat', name: 'Bapenda / Samsat Lebong', shortName: 'Samsat', color: '#b35900', counters: 3, services: [
    ['pkb-2', '2K', 'Pajak Kendaraan Roda Dua', 'KTP-el pemilik; STNK asli; BPKB asli untuk pengesahan 5 tahunan.', 30, 7, 200],
    ['pkb-4', '4K', 'Pajak Kendaraan Roda Empat', 'KTP-el pemilik; STNK asli; BPKB asli untuk pengesahan 5 tahunan.', 30, 8, 150],
    ['bbn', 'H', 'Balik Nama Kendaraan', 'KTP-el pemilik baru; STNK dan BPKB asli; kuitansi jual beli; hasil cek fisik kendaraan.', 40, 15, 40],
    ['pbb', 'J', 'PBB-P2 dan BPHTB', 'SPPT PBB tahun berjalan atau NOP; KTP-el wajib pajak; akta/sertifikat untuk BPHTB.', 30, 10, 80],
  ] },
  { id: 'bpjs-kes', name: 'BPJS Kesehatan', shortName: 'BPJS Kesehatan', color: '#2e8540', counters: 2, services: [
    ['jkn-daftar', 'K', 'Pendaftaran & Perubahan Data JKN', 'KTP-el; Kartu Keluarga; buku tabungan untuk autodebet (peserta mandiri).', 30, 12, 100],
    ['jkn-info', 'L', 'Informasi & Pengaduan JKN', 'Kartu JKN-KIS atau NIK peserta.', 20, 8, null],
  ] },
  { id: 'bpjs-tk', name: 'BPJS Ketenagakerjaan', shortName: 'BPJamsostek', color: '#00703c', counters: 1, services: [
    ['jht', 'M', 'Klaim Jaminan Hari Tua (JHT)', 'Kartu peserta; KTP-el; Kartu Keluarga; surat keterangan berhenti bekerja; buku tabungan.', 30, 15, 50],
    ['bpu', 'N', 'Kepesertaan Bukan Penerima Upah', 'KTP-el; nomor HP aktif.', 20, 8, null],
  ] },
  { id: 'polres', name: 'Polres Lebong', shortName: 'Polres', color: '#4b3a8c', counters: 2, services: [
    ['skck', 'P', 'SKCK', 'Fotokopi KTP-el dan KK; akta kelahiran; pas foto 4x6 latar merah 6 lembar; sidik jari (dilayani di loket).', 30, 10, 120],
  ] },
  { id: 'bpn', name: 'Kantor Pertanahan Kabupaten Lebong', shortName: 'BPN', color: '#7a5c00', counters: 1, services: [
    ['cek-sertifikat', 'Q', 'Pengecekan Sertifikat', 'Sertifikat asli; KTP-el pemegang hak atau surat kuasa.', 30, 15, 40],
    ['info-tanah', 'R', 'Informasi Pertanahan', 'KTP-el; data bidang tanah bila ada.', 20, 10, null],
  ] },
  { id: 'kemenag', name: 'Kantor Kementerian Agama Kabupaten Lebong', shortName: 'Kemenag', color: '#0a6b5d', counters: 1, services: [
    ['haji', 'S', 'Pendaftaran Haji', 'KTP-el; KK; akta kelahiran/ijazah; bukti setoran awal BPIH dari bank; pas foto.', 30, 20, 20],
    ['legalisir', 'T', 'Legalisir Dokumen Keagamaan', 'Dokumen asli dan fotokopinya (buku nikah, ijazah madrasah).', 20, 5, null],
  ] },
  { id: 'pdam', name: 'PDAM Tirta Lebong', shortName: 'PDAM', color: '#1565c0', counters: 1, services: [
    ['pdam-bayar', 'U', 'Pembayaran Rekening Air', 'Nomor pelanggan atau rekening bulan lalu.', 15, 4, null],
    ['pdam-baru', 'V', 'Pasang Baru Sambungan Air', 'KTP-el; denah lokasi; bukti kepemilikan/izin bangunan.', 20, 12, 20],
  ] },
  { id: 'bank', name: 'Bank Bengkulu', shortName: 'Bank Bengkulu', color: '#c62828', counters: 1, services: [
    ['bank-setor', 'X', 'Setoran & Pembayaran Pajak Daerah', 'Kode bayar/billing atau SPPT; uang tunai atau kartu ATM.', 15, 5, null],
  ] },
  { id: 'imigrasi', name: 'Kantor Imigrasi (Unit Layanan Paspor)', shortName: 'Imigrasi', color: '#283593', counters: 1, services: [
    ['paspor', 'Y', 'Paspor Baru & Penggantian', 'Bukti pembayaran PNBP; KTP-el; KK; akta lahir/ijazah/buku nikah; paspor lama untuk penggantian.', 30, 15, 30],
  ] },
  { id: 'pa', name: 'Pengadilan Agama Tubei', shortName: 'Pengadilan Agama', color: '#5d4037', counters: 1, services: [
    ['pa-info', 'Z', 'Informasi Perkara & Pendaftaran e-Court', 'KTP-el; nomor perkara bila ada; dokumen pendukung gugatan/permohonan.', 30, 15, 30],
  ] },
];

/**
 * Biaya/tarif, standar waktu and dasar hukum per service, as these offices publish them in their
 * service standards (standar pelayanan); a real hall writes its own in the admin dashboard.
 */
const ADMINDUK = 'UU No. 24 Tahun 2013 tentang Perubahan atas UU No. 23 Tahun 2006 tentang Administrasi Kependudukan; Perpres No. 96 Tahun 2018';
const SERVICE_INFO: Record<string, [cost: string, timeStandard: string, legalBasis: string]> = {
  'ktp-el': ['Gratis', '15 menit', 'UU No. 24 Tahun 2013 tentang Administrasi Kependudukan'],
  kk: ['Gratis', '30 menit', ADMINDUK],
  'akta-lahir': ['Gratis', '30 menit', ADMINDUK],
  'akta-mati': ['Gratis', '30 menit', ADMINDUK],
  pindah: ['Gratis', '30 menit', `${ADMINDUK}; Permendagri No. 108 Tahun 2019`],
  nib: ['Gratis', '1 hari kerja', 'PP No. 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko'],
  pbg: ['Retribusi PBG sesuai Perda Kabupaten Lebong tentang Pajak Daerah dan Retribusi Daerah', 'Paling lama 28 hari kerja', 'PP No. 16 Tahun 2021 tentang Peraturan Pelaksanaan UU No. 28 Tahun 2002 tentang Bangunan Gedung'],
  'pkb-2': ['Sesuai PKB dan SWDKLLJ pada notifikasi pajak', '15 menit', 'UU No. 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah; Perda Provinsi Bengkulu tentang Pajak Daerah'],
  'pkb-4': ['Sesuai PKB dan SWDKLLJ pada notifikasi pajak', '20 menit', 'UU No. 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah; Perda Provinsi Bengkulu tentang Pajak Daerah'],
  bbn: ['BBNKB sesuai Perda; PNBP STNK, TNKB dan BPKB sesuai PP No. 76 Tahun 2020', '1 hari kerja', 'UU No. 1 Tahun 2022; PP No. 76 Tahun 2020 tentang Jenis dan Tarif PNBP yang Berlaku pada Polri'],
  pbb: ['Sesuai SPPT PBB-P2; BPHTB 5% dari NPOP setelah dikurangi NPOPTKP', '30 menit', 'UU No. 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah'],
  'jkn-daftar': ['Gratis (iuran peserta sesuai kelas perawatan)', '15 menit', 'Perpres No. 82 Tahun 2018 tentang Jaminan Kesehatan'],
  'jkn-info': ['Gratis', '10 menit', 'Perpres No. 82 Tahun 2018 tentang Jaminan Kesehatan'],
  jht: ['Gratis', '5 hari kerja', 'Permenaker No. 4 Tahun 2022 tentang Tata Cara dan Persyaratan Pembayaran Manfaat Jaminan Hari Tua'],
  bpu: ['Gratis (iuran mulai Rp16.800 per bulan)', '10 menit', 'PP No. 44 Tahun 2015 tentang Penyelenggaraan Program Jaminan Kecelakaan Kerja dan Jaminan Kematian'],
  skck: ['Rp30.000 (PNBP)', '30 menit', 'Perkap No. 18 Tahun 2014 tentang Tata Cara Penerbitan SKCK; PP No. 76 Tahun 2020'],
  'cek-sertifikat': ['Rp50.000 per sertifikat (PNBP)', '1 hari kerja', 'PP No. 128 Tahun 2015 tentang Jenis dan Tarif PNBP yang Berlaku pada Kementerian ATR/BPN'],
  'info-tanah': ['Rp50.000 per bidang (PNBP)', '1 hari kerja', 'PP No. 128 Tahun 2015 tentang Jenis dan Tarif PNBP yang Berlaku pada Kementerian ATR/BPN'],
  haji: ['Gratis (setoran awal BPIH Rp25.000.000 melalui bank penerima setoran)', '1 hari kerja', 'UU No. 8 Tahun 2019 tentang Penyelenggaraan Ibadah Haji dan Umrah'],
  legalisir: ['Gratis', '15 menit', 'PMA No. 20 Tahun 2019 tentang Pencatatan Pernikahan'],
  'pdam-bayar': ['Sesuai tagihan rekening air', '5 menit', 'Permendagri No. 21 Tahun 2020 tentang Perhitungan dan Penetapan Tarif Air Minum'],
  'pdam-baru': ['Biaya sambungan baru sesuai Peraturan Direksi PDAM Tirta Lebong', '7 hari kerja', 'Permendagri No. 21 Tahun 2020 tentang Perhitungan dan Penetapan Tarif Air Minum'],
  'bank-setor': ['Gratis (tanpa biaya administrasi)', '5 menit', 'UU No. 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah'],
  paspor: ['Rp350.000 paspor biasa 48 halaman (PNBP)', '4 hari kerja', 'UU No. 6 Tahun 2011 tentang Keimigrasian; PP No. 28 Tahun 2019 tentang Jenis dan Tarif PNBP pada Kementerian Hukum dan HAM'],
  'pa-info': ['Gratis; panjar biaya perkara sesuai ketetapan Ketua Pengadilan', '15 menit', 'Perma No. 7 Tahun 2022 tentang Administrasi Perkara dan Persidangan di Pengadilan secara Elektronik'],
};

/** Services the demo takes online bookings for: 30-minute slots, 4 visitors each, a daily online quota. */
export const DEMO_BOOKING: Record<string, BookingSettings> = Object.fromEntries(
  (['ktp-el', 'kk', 'akta-lahir', 'pkb-2', 'pkb-4', 'skck', 'paspor'] as const).map((id) => [
    id,
    { enabled: true, slotMinutes: 30, capacityPerSlot: 4, dailyQuota: 40 },
  ]),
);

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  pin: string;
  counterIds: string[];
}

/** Demo PINs, printed by seed-demo and `npm start`; change them before real use. */
export const DEMO_PINS: Record<Role, string> = { officer: '1234', supervisor: '5678', technician: '2468', admin: '9999' };

const OFFICER_NAMES = [
  'Rina Marlina', 'Dedi Saputra', 'Siti Aminah', 'Yusuf Hidayat', 'Fitri Handayani', 'Agus Salim', 'Wulan Sari', 'Rahmat Hakim',
  'Desi Ratnasari', 'Hendra Gunawan', 'Nurul Hikmah', 'Bambang Irawan', 'Lestari Putri', 'Fajar Nugroho', 'Maya Anggraini',
  'Iwan Setiawan', 'Ayu Kartika', 'Rudi Hartono', 'Sri Wahyuni', 'Taufik Rahman',
];

export function demoHall(): { config: HallConfig; users: DemoUser[] } {
  const services: Service[] = [];
  const counters: HallConfig['counters'] = [];
  let number = 0;
  for (const a of AGENCIES) {
    for (const [id, prefix, name, requirements, targetWaitMinutes, targetServiceMinutes, dailyQuota] of a.services) {
      // No opening hours in the demo, so it can be tried at any hour; a real hall sets them per service.
      const [cost, timeStandard, legalBasis] = SERVICE_INFO[id] ?? [];
      services.push({
        id, agencyId: a.id, name, prefix, requirements, targetWaitMinutes, targetServiceMinutes, dailyQuota,
        ...(cost === undefined ? {} : { cost, timeStandard, legalBasis }),
      });
    }
    for (let i = 0; i < a.counters; i++) {
      number += 1;
      counters.push({
        id: `loket-${number}`,
        number,
        agencyId: a.id,
        // The first counter of an agency leans to its first service (weight 2), the rest serve all alike.
        services: a.services.map(([id], k) => ({ serviceId: id, weight: i === 0 && k === 0 && a.services.length > 1 ? 2 : 1 })),
      });
    }
  }
  const config: HallConfig = {
    hall: { id: 'mpp-lebong', name: 'MPP Kabupaten Lebong', timeZone: 'Asia/Jakarta', queuePolicy: { mode: 'ratio', normalPerPriority: 2, agingMinutes: 45 } },
    agencies: AGENCIES.map(({ id, name, shortName, color }) => ({ id, name, shortName, color })),
    services,
    counters,
  };
  const users: DemoUser[] = [
    ...counters.map((c, i) => ({
      username: `petugas${String(c.number).padStart(2, '0')}`,
      name: OFFICER_NAMES[i % OFFICER_NAMES.length] ?? `Petugas ${c.number}`,
      role: 'officer' as const,
      pin: DEMO_PINS.officer,
      counterIds: [c.id],
    })),
    { username: 'supervisor', name: 'Hj. Nurhayati (Kepala MPP)', role: 'supervisor', pin: DEMO_PINS.supervisor, counterIds: [] },
    { username: 'teknisi', name: 'Andi Pratama (Teknisi)', role: 'technician', pin: DEMO_PINS.technician, counterIds: [] },
    { username: 'admin', name: 'Admin MPP', role: 'admin', pin: DEMO_PINS.admin, counterIds: [] },
  ];
  return { config, users };
}
