import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zodErrorInfo } from '../../../core/errors.ts';
import {
  IKM_GRADES,
  SKM_COMMENT_MAX,
  SKM_ELEMENTS,
  SKM_ELEMENT_IDS,
  SkmResponseSchema,
  computeIkm,
  ikmGrade,
  type SkmAnswers,
} from '../../../core/ikm.ts';

const TICKET = '01890a5d-ac96-774b-bcce-b302099a8057';

const answers = (values: readonly number[]): SkmAnswers =>
  Object.fromEntries(SKM_ELEMENT_IDS.map((id, i) => [id, values[i]])) as SkmAnswers;

/** n responses whose 9n answers add up to `total`, spread as evenly as 1..4 allows. */
function responsesWithTotal(n: number, total: number): { answers: SkmAnswers }[] {
  const cells = 9 * n;
  const base = Math.floor(total / cells);
  let extra = total - base * cells;
  return Array.from({ length: n }, () => {
    const values = SKM_ELEMENT_IDS.map(() => (extra-- > 0 ? base + 1 : base));
    return { answers: answers(values) };
  });
}

describe('SKM_ELEMENTS', () => {
  it('lists the nine elements of PermenPANRB 14/2017 in order, each with a question and four answers in both languages', () => {
    expect(SKM_ELEMENTS.map((e) => e.id)).toEqual([...SKM_ELEMENT_IDS]);
    expect(SKM_ELEMENTS.map((e) => e.name)).toEqual([
      'Persyaratan',
      'Sistem, Mekanisme, dan Prosedur',
      'Waktu Penyelesaian',
      'Biaya/Tarif',
      'Produk Spesifikasi Jenis Pelayanan',
      'Kompetensi Pelaksana',
      'Perilaku Pelaksana',
      'Penanganan Pengaduan, Saran dan Masukan',
      'Sarana dan Prasarana',
    ]);
    for (const e of SKM_ELEMENTS) {
      expect(e.question).toMatch(/^Bagaimana .+\?$/);
      expect(e.en.question).toMatch(/\?$/);
      expect(e.en.name.length).toBeGreaterThan(0);
      for (const text of [...e.answers, ...e.en.answers]) expect(text.trim().length, e.id).toBeGreaterThan(0);
      expect(new Set(e.answers).size).toBe(4);
    }
    const u1 = SKM_ELEMENTS[0]!;
    expect(u1.question).toBe('Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?');
    expect(u1.answers).toEqual(['Tidak sesuai', 'Kurang sesuai', 'Sesuai', 'Sangat sesuai']);
    // Cost is the one element where the best answer is the cheapest.
    expect(SKM_ELEMENTS[3]!.answers).toEqual(['Sangat mahal', 'Cukup mahal', 'Murah', 'Gratis']);
  });
});

describe('SkmResponseSchema', () => {
  const valid = { ticketId: TICKET, answers: answers([4, 3, 3, 4, 2, 3, 4, 1, 3]) };

  it('accepts nine answers with or without profile and comment, and trims the comment', () => {
    expect(SkmResponseSchema.parse(valid)).toEqual(valid);
    const full = SkmResponseSchema.parse({
      ...valid,
      profile: { ageGroup: '30-39', sex: 'Perempuan', education: 'D1-D3', occupation: 'WIRAUSAHA' },
      comment: '  Antrean tertib, ruang tunggu panas.  ',
    });
    expect(full.comment).toBe('Antrean tertib, ruang tunggu panas.');
    expect(full.profile?.education).toBe('D1-D3');
    expect(SkmResponseSchema.parse({ ...valid, profile: {} }).profile).toEqual({});
    expect(SkmResponseSchema.parse({ ...valid, comment: '   ' }).comment).toBeUndefined();
    expect(SkmResponseSchema.parse({ ...valid, comment: ` ${'x'.repeat(SKM_COMMENT_MAX)} ` }).comment).toHaveLength(SKM_COMMENT_MAX);
  });

  /** The field path zod reports and the sentence a person reads, through the app's error mapper. */
  function refusal(input: unknown): { field: string | undefined; message: string } {
    const result = SkmResponseSchema.safeParse(input);
    expect(result.success).toBe(false);
    if (result.success) throw new Error('accepted');
    const info = zodErrorInfo(result.error, 'survey');
    return { field: info.field, message: info.message };
  }

  it('refuses eight answers, naming the missing element', () => {
    const { u9: _dropped, ...eight } = valid.answers;
    expect(refusal({ ...valid, answers: eight })).toEqual({
      field: 'answers.u9',
      message:
        'The survey field "answers.u9" is wrong: answer U9 (Sarana dan Prasarana) with a whole number from 1 to 4. Correct it and send again.',
    });
  });

  it.each([
    [5, 'u5'],
    [0, 'u1'],
    [2.5, 'u6'],
    [-1, 'u2'],
    ['3', 'u3'],
    [null, 'u4'],
    [Number.NaN, 'u7'],
  ])('refuses an answer of %j, naming the element and the range', (bad, id) => {
    const { field, message } = refusal({ ...valid, answers: { ...valid.answers, [id]: bad } });
    expect(field).toBe(`answers.${id}`);
    expect(message).toContain(`answer ${id.toUpperCase()} (`);
    expect(message).toContain('whole number from 1 to 4');
  });

  it('refuses a tenth answer and answers that are not an object', () => {
    expect(refusal({ ...valid, answers: { ...valid.answers, u10: 3 } }).message).toContain('exactly u1 to u9');
    expect(refusal({ ...valid, answers: [4, 3, 3, 4, 2, 3, 4, 1, 3] }).message).toContain('as an object with u1 to u9');
    expect(refusal({ ticketId: TICKET }).field).toBe('answers');
  });

  it('refuses a comment over 500 characters after trimming', () => {
    const { field, message } = refusal({ ...valid, comment: 'x'.repeat(SKM_COMMENT_MAX + 1) });
    expect(field).toBe('comment');
    expect(message).toContain('at most 500 characters');
    expect(refusal({ ...valid, comment: 42 }).message).toContain('comment as text');
  });

  it('refuses a ticket id that is not a UUID, an unknown profile value and unknown fields', () => {
    expect(refusal({ ...valid, ticketId: 'A-012' })).toMatchObject({ field: 'ticketId' });
    expect(refusal({ ...valid, ticketId: 'A-012' }).message).toContain('UUID');
    const sex = refusal({ ...valid, profile: { sex: 'L' } });
    expect(sex.field).toBe('profile.sex');
    expect(sex.message).toContain('Laki-laki, Perempuan');
    expect(refusal({ ...valid, profile: { education: 'D3' } }).message).toContain('SD, SMP, SMA, D1-D3, D4, S1, S2, S3');
    expect(refusal({ ...valid, profile: { occupation: 'Guru' } }).message).toContain('PNS, TNI, POLRI, SWASTA, WIRAUSAHA, LAINNYA');
    expect(refusal({ ...valid, profile: { name: 'Budi' } }).message).toContain('remove any other field');
    const extra = refusal({ ...valid, rating: 5 });
    expect(extra.field).toBeUndefined();
    expect(extra.message).toContain('ticketId, answers, profile and comment only');
    expect(refusal('4,4,4').message).toContain('as an object with ticketId and answers');
  });
});

describe('ikmGrade', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ])('grades %d as %s', (ikm, grade) => {
    expect(ikmGrade(ikm).grade).toBe(grade);
  });

  it('labels the grades as the regulation does', () => {
    expect(IKM_GRADES.map((g) => `${g.grade} ${g.label}`)).toEqual(['A Sangat Baik', 'B Baik', 'C Kurang Baik', 'D Tidak Baik']);
  });

  it.each([24.99, 100.01, Number.NaN, -1])('refuses %d, which no survey can give', (ikm) => {
    expect(() => ikmGrade(ikm)).toThrow(RangeError);
  });
});

describe('computeIkm', () => {
  it('gives 100 (A) for all fours: the exact weight 1/9, where 0,111 would give 4 × 0,111 × 9 × 25 = 99,90', () => {
    const result = computeIkm([{ answers: answers([4, 4, 4, 4, 4, 4, 4, 4, 4]) }]);
    expect(result.ikmUnit).toBeCloseTo(4, 12);
    expect(result.ikm).toBe(100);
    expect(result.grade?.grade).toBe('A');
  });

  it('gives 25 (D) for all ones', () => {
    const result = computeIkm([{ answers: answers([1, 1, 1, 1, 1, 1, 1, 1, 1]) }]);
    expect(result.ikm).toBe(25);
    expect(result.grade?.label).toBe('Tidak Baik');
  });

  it('computes a small survey by hand', () => {
    /*
     *          u1 u2 u3 u4 u5 u6 u7 u8 u9
     *   r1      4  4  3  3  3  3  4  2  3
     *   r2      3  4  3  4  3  4  4  3  4
     *   total   7  8  6  7  6  7  8  5  7   (sum 61)
     *   NRR   3,5  4  3 3,5 3 3,5  4 2,5 3,5
     * IKM unit = Σ NRR × 1/9 = 30,5 / 9 = 3,38889; IKM = 3,38889 × 25 = 84,7222 → 84,72 → B (76,61–88,30).
     * Element scores NRR × 25: 87,5 B; 100 A; 75 C; 87,5 B; 75 C; 87,5 B; 100 A; 62,5 D; 87,5 B.
     */
    const result = computeIkm([
      { answers: answers([4, 4, 3, 3, 3, 3, 4, 2, 3]) },
      { answers: answers([3, 4, 3, 4, 3, 4, 4, 3, 4]) },
    ]);
    expect(result.respondents).toBe(2);
    expect(result.elements.map((e) => e.total)).toEqual([7, 8, 6, 7, 6, 7, 8, 5, 7]);
    expect(result.elements.map((e) => e.nrr)).toEqual([3.5, 4, 3, 3.5, 3, 3.5, 4, 2.5, 3.5]);
    expect(result.elements[0]!.weightedNrr).toBeCloseTo(3.5 / 9, 12);
    expect(result.elements.map((e) => e.score)).toEqual([87.5, 100, 75, 87.5, 75, 87.5, 100, 62.5, 87.5]);
    expect(result.elements.map((e) => e.grade?.grade).join('')).toBe('BACBCBADB');
    expect(result.ikmUnit).toBeCloseTo(30.5 / 9, 12);
    expect(result.ikm).toBe(84.72);
    expect(result.grade?.grade).toBe('B');
  });

  it('rounds thirds half-up to 2 decimals', () => {
    /*
     * Three respondents: r1 all 3, r2 all 3, r3 all 3 except u1 = 4 → sum 82.
     * IKM = 25 × 82 / 27 = 75,925925… → 75,93 → C (65,00–76,60).
     * u1: NRR 10/3 = 3,3333 → × 25 = 83,3333 → 83,33 (B); the others 75,00 (C).
     */
    const result = computeIkm([
      { answers: answers([3, 3, 3, 3, 3, 3, 3, 3, 3]) },
      { answers: answers([3, 3, 3, 3, 3, 3, 3, 3, 3]) },
      { answers: answers([4, 3, 3, 3, 3, 3, 3, 3, 3]) },
    ]);
    expect(result.ikm).toBe(75.93);
    expect(result.grade?.grade).toBe('C');
    expect(result.elements[0]!.score).toBe(83.33);
    expect(result.elements[1]!.score).toBe(75);
  });

  /*
   * With 2 500 respondents, IKM = 25 × S / (9 × 2 500) = S / 900, so an answer total of S = 9 × h
   * gives an IKM of exactly h hundredths: the regulation's boundaries, hit exactly.
   */
  it.each([
    [8831, 88.31, 'A'],
    [8830, 88.3, 'B'],
    [7661, 76.61, 'B'],
    [7660, 76.6, 'C'],
    [6500, 65, 'C'],
    [6499, 64.99, 'D'],
  ])('grades an exact IKM of %i hundredths (%d) as %s', (hundredths, ikm, grade) => {
    const result = computeIkm(responsesWithTotal(2500, 9 * hundredths));
    expect(result.ikm).toBe(ikm);
    expect(result.grade?.grade).toBe(grade);
  });

  it('grades on the rounded IKM: an exact 88,305 is reported 88,31 and graded A', () => {
    // 5 000 respondents: IKM in hundredths = 2 500 × S / 45 000 = S / 18. S = 158 949 → 8 830,5.
    const halfway = computeIkm(responsesWithTotal(5000, 158_949));
    expect(halfway.ikm).toBe(88.31);
    expect(halfway.grade?.grade).toBe('A');
    // One answer point less: 158 948 / 18 = 8 830,44 → 88,30 → B.
    const below = computeIkm(responsesWithTotal(5000, 158_948));
    expect(below.ikm).toBe(88.3);
    expect(below.grade?.grade).toBe('B');
  });

  it('gives a result without NaN for no responses', () => {
    const result = computeIkm([]);
    expect(result).toMatchObject({ respondents: 0, ikmUnit: null, ikm: null, grade: null });
    expect(result.elements).toHaveLength(9);
    for (const e of result.elements) expect(e).toMatchObject({ total: 0, nrr: null, weightedNrr: null, score: null, grade: null });
    expect(JSON.stringify(result)).not.toContain('NaN');
  });

  it('refuses a stored answer outside 1..4, naming the response and element', () => {
    expect(() => computeIkm([{ answers: { ...answers([3, 3, 3, 3, 3, 3, 3, 3, 3]), u4: 5 } }])).toThrow(/response 0 answers u4 with 5/);
  });

  it('always equals the mean of element averages × 25, rounded, and grades it by the table', () => {
    const response = fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 9, maxLength: 9 }).map((v) => ({ answers: answers(v) }));
    fc.assert(
      fc.property(fc.array(response, { minLength: 1, maxLength: 60 }), (responses) => {
        const result = computeIkm(responses);
        const meanOfNrr = result.elements.reduce((sum, e) => sum + (e.nrr ?? 0), 0) / 9;
        expect(Math.abs((result.ikm ?? 0) - meanOfNrr * 25)).toBeLessThanOrEqual(0.005 + 1e-9);
        const grade = IKM_GRADES.find((g) => (result.ikm ?? 0) >= g.min && (result.ikm ?? 0) <= g.max);
        expect(result.grade).toBe(grade);
      }),
    );
  });
});
