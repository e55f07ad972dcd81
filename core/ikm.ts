import { z } from 'zod';

/**
 * The Survei Kepuasan Masyarakat (SKM) of PermenPANRB 14/2017 and its Indeks Kepuasan Masyarakat
 * (IKM, DESIGN.md §8): nine elements answered on a 1–4 scale; IKM = mean of element averages × 25.
 */

export const SKM_ELEMENT_IDS = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const;
export type SkmElementId = (typeof SKM_ELEMENT_IDS)[number];

export interface SkmText {
  name: string;
  question: string;
  /** The answers for scores 1, 2, 3, 4. */
  answers: readonly [string, string, string, string];
}

export interface SkmElement extends SkmText {
  id: SkmElementId;
  /** The same in English, for the English UI. */
  en: SkmText;
}

/**
 * The nine elements (unsur) in the regulation's order U1…U9, with the questions and answers of its
 * sample questionnaire. That questionnaire asks about facilities 8th and complaints 9th; here each
 * question sits under its own element (U8 complaints, U9 facilities).
 */
export const SKM_ELEMENTS: readonly SkmElement[] = [
  {
    id: 'u1',
    name: 'Persyaratan',
    question: 'Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    en: {
      name: 'Requirements',
      question: 'How well do the requirements match the kind of service you received?',
      answers: ['Not appropriate', 'Somewhat inappropriate', 'Appropriate', 'Very appropriate'],
    },
  },
  {
    id: 'u2',
    name: 'Sistem, Mekanisme, dan Prosedur',
    question: 'Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?',
    answers: ['Tidak mudah', 'Kurang mudah', 'Mudah', 'Sangat mudah'],
    en: {
      name: 'Systems, mechanisms and procedures',
      question: 'How easy was the service procedure at this unit to follow?',
      answers: ['Not easy', 'Somewhat difficult', 'Easy', 'Very easy'],
    },
  },
  {
    id: 'u3',
    name: 'Waktu Penyelesaian',
    question: 'Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?',
    answers: ['Tidak cepat', 'Kurang cepat', 'Cepat', 'Sangat cepat'],
    en: {
      name: 'Completion time',
      question: 'How quickly was the service delivered?',
      answers: ['Not fast', 'Somewhat slow', 'Fast', 'Very fast'],
    },
  },
  {
    id: 'u4',
    name: 'Biaya/Tarif',
    question: 'Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?',
    answers: ['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis'],
    en: {
      name: 'Cost/fee',
      question: 'How reasonable was the cost or fee of the service?',
      answers: ['Very expensive', 'Rather expensive', 'Cheap', 'Free'],
    },
  },
  {
    id: 'u5',
    name: 'Produk Spesifikasi Jenis Pelayanan',
    question:
      'Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?',
    answers: ['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai'],
    en: {
      name: 'Service product specification',
      question: 'How well did the result you received match the product stated in the service standard?',
      answers: ['Not appropriate', 'Somewhat inappropriate', 'Appropriate', 'Very appropriate'],
    },
  },
  {
    id: 'u6',
    name: 'Kompetensi Pelaksana',
    question: 'Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?',
    answers: ['Tidak kompeten', 'Kurang kompeten', 'Kompeten', 'Sangat kompeten'],
    en: {
      name: 'Staff competence',
      question: 'How competent and capable were the staff who served you?',
      answers: ['Not competent', 'Somewhat incompetent', 'Competent', 'Very competent'],
    },
  },
  {
    id: 'u7',
    name: 'Perilaku Pelaksana',
    question: 'Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?',
    answers: ['Tidak sopan dan ramah', 'Kurang sopan dan ramah', 'Sopan dan ramah', 'Sangat sopan dan ramah'],
    en: {
      name: 'Staff behaviour',
      question: 'How polite and friendly were the staff who served you?',
      answers: ['Not polite and friendly', 'Somewhat impolite and unfriendly', 'Polite and friendly', 'Very polite and friendly'],
    },
  },
  {
    id: 'u8',
    name: 'Penanganan Pengaduan, Saran dan Masukan',
    question: 'Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?',
    answers: ['Tidak ada', 'Ada tetapi tidak berfungsi', 'Berfungsi kurang maksimal', 'Dikelola dengan baik'],
    en: {
      name: 'Handling of complaints, suggestions and feedback',
      question: 'How are complaints from service users handled?',
      answers: ['Not available', 'Available but not working', 'Working, but not fully', 'Well managed'],
    },
  },
  {
    id: 'u9',
    name: 'Sarana dan Prasarana',
    question: 'Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?',
    answers: ['Buruk', 'Cukup', 'Baik', 'Sangat baik'],
    en: {
      name: 'Facilities and infrastructure',
      question: 'How good are the facilities and infrastructure?',
      answers: ['Poor', 'Fair', 'Good', 'Very good'],
    },
  },
];

/**
 * The regulation's form asks the age in years; a band keeps the survey anonymous and still gives
 * the report its age table.
 */
export const AGE_GROUPS = ['<20', '20-29', '30-39', '40-49', '50-59', '60+'] as const;
export const SEXES = ['Laki-laki', 'Perempuan'] as const;
export const EDUCATION_LEVELS = ['SD', 'SMP', 'SMA', 'D1-D3', 'D4', 'S1', 'S2', 'S3'] as const;
export const OCCUPATIONS = ['PNS', 'TNI', 'POLRI', 'SWASTA', 'WIRAUSAHA', 'LAINNYA'] as const;

const choice = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z.enum(values, { error: `choose the ${what} from ${values.join(', ')}, or leave it out` });

/** Who answered; every field optional, since the regulation asks but a visitor may decline. */
export const SkmProfileSchema = z.strictObject(
  {
    ageGroup: choice(AGE_GROUPS, 'age group').optional(),
    sex: choice(SEXES, 'sex').optional(),
    education: choice(EDUCATION_LEVELS, 'education').optional(),
    occupation: choice(OCCUPATIONS, 'occupation').optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'the profile has ageGroup, sex, education and occupation only; remove any other field'
        : 'send the profile as an object with ageGroup, sex, education and occupation, or leave it out',
  },
);
export type SkmProfile = z.infer<typeof SkmProfileSchema>;

const answer = (element: SkmElement) => {
  const what = `answer ${element.id.toUpperCase()} (${element.name}) with a whole number from 1 to 4`;
  return z.number({ error: what }).int({ error: what }).min(1, { error: what }).max(4, { error: what });
};

/**
 * The answers as an object keyed u1…u9 rather than a tuple: a stored row and an error both name
 * the element ("answers.u5"), and a missing or extra element cannot shift the others.
 */
export const SkmAnswersSchema = z.strictObject(
  Object.fromEntries(SKM_ELEMENTS.map((e) => [e.id, answer(e)])) as Record<SkmElementId, ReturnType<typeof answer>>,
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'the answers are exactly u1 to u9; remove any other field'
        : 'send the answers as an object with u1 to u9, each a whole number from 1 to 4',
  },
);
export type SkmAnswers = z.infer<typeof SkmAnswersSchema>;

export const SKM_COMMENT_MAX = 500;

export const SkmResponseSchema = z.strictObject(
  {
    ticketId: z.uuid({ error: 'send the id of the ticket the survey is about (a UUID, as on the tracking page)' }),
    answers: SkmAnswersSchema,
    profile: SkmProfileSchema.optional(),
    /** Trimmed; an empty comment is no comment. */
    comment: z
      .string({ error: 'write the comment as text, or leave it out' })
      .trim()
      .max(SKM_COMMENT_MAX, { error: `shorten the comment to at most ${SKM_COMMENT_MAX} characters` })
      .transform((text) => (text === '' ? undefined : text))
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? 'a survey response has ticketId, answers, profile and comment only; remove any other field'
        : 'send the survey response as an object with ticketId and answers',
  },
);
export type SkmResponse = z.infer<typeof SkmResponseSchema>;

export const IKM_GRADES = [
  { grade: 'A', min: 88.31, max: 100, label: 'Sangat Baik', en: 'Very good' },
  { grade: 'B', min: 76.61, max: 88.3, label: 'Baik', en: 'Good' },
  { grade: 'C', min: 65, max: 76.6, label: 'Kurang Baik', en: 'Poor' },
  { grade: 'D', min: 25, max: 64.99, label: 'Tidak Baik', en: 'Very poor' },
] as const;
export type IkmGrade = (typeof IKM_GRADES)[number];

/**
 * The grade of an IKM already rounded to 2 decimals. The regulation's intervals are written to
 * 2 decimals with no gap (64,99 | 65,00; 76,60 | 76,61; 88,30 | 88,31), so a value is graded
 * after rounding: an exact 88,305 is reported as 88,31 and graded A, as its report will show it.
 */
export function ikmGrade(ikm: number): IkmGrade {
  const hundredths = Math.round(ikm * 100);
  if (!Number.isFinite(ikm) || hundredths < 2500 || hundredths > 10_000) {
    throw new RangeError(`an IKM lies between 25 and 100, got ${ikm}`);
  }
  return IKM_GRADES.find((g) => hundredths >= Math.round(g.min * 100)) ?? IKM_GRADES[3];
}

/** Half-up rounding of num/den to hundredths, in integers, so 88,305 never becomes 88,30 by binary error. */
function roundedRatio(num: number, den: number): number {
  const twice = 2 * num + den;
  const doubledDen = 2 * den;
  return (twice - (twice % doubledDen)) / doubledDen / 100;
}

export interface IkmElementResult {
  id: SkmElementId;
  name: string;
  /** Sum of the answers. */
  total: number;
  /** Nilai rata-rata (NRR): mean answer, 1–4; null without respondents. */
  nrr: number | null;
  /** NRR × 1/9. */
  weightedNrr: number | null;
  /** NRR × 25, rounded to 2 decimals (the element's own index), and its grade. */
  score: number | null;
  grade: IkmGrade | null;
}

export interface IkmResult {
  respondents: number;
  elements: IkmElementResult[];
  /** Sum of the weighted NRRs (1–4), unrounded. */
  ikmUnit: number | null;
  /** IKM unit × 25, rounded half-up to 2 decimals: the figure reported and graded. */
  ikm: number | null;
  grade: IkmGrade | null;
}

/**
 * IKM over the responses (each has all nine answers). The regulation weights each element by
 * 1/9, printed as 0,111; the exact 1/9 is used, because 0,111 would cap a perfect survey at 99,90.
 * With every element answered n times, IKM = 25 × (sum of all answers) / (9n), rounded exactly.
 */
export function computeIkm(responses: readonly { answers: SkmAnswers }[]): IkmResult {
  const n = responses.length;
  const totals = SKM_ELEMENTS.map((element) =>
    responses.reduce((sum, response, i) => {
      const value = response.answers[element.id];
      if (!Number.isInteger(value) || value < 1 || value > 4) {
        throw new RangeError(`response ${i} answers ${element.id} with ${value}; answers are whole numbers from 1 to 4`);
      }
      return sum + value;
    }, 0),
  );
  const elements = SKM_ELEMENTS.map((element, i): IkmElementResult => {
    const total = totals[i] ?? 0;
    const score = n === 0 ? null : roundedRatio(2500 * total, n);
    return {
      id: element.id,
      name: element.name,
      total,
      nrr: n === 0 ? null : total / n,
      weightedNrr: n === 0 ? null : total / n / 9,
      score,
      grade: score === null ? null : ikmGrade(score),
    };
  });
  if (n === 0) return { respondents: 0, elements, ikmUnit: null, ikm: null, grade: null };
  const allAnswers = totals.reduce((a, b) => a + b, 0);
  const ikm = roundedRatio(2500 * allAnswers, 9 * n);
  return {
    respondents: n,
    elements,
    ikmUnit: elements.reduce((sum, e) => sum + (e.weightedNrr ?? 0), 0),
    ikm,
    grade: ikmGrade(ikm),
  };
}
