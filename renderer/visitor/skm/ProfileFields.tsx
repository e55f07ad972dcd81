import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { AGE_GROUPS, EDUCATION_LEVELS, OCCUPATIONS, SEXES, type SkmProfile } from '../../../core/ikm.ts';

type Field = keyof SkmProfile;

/** The respondent profile the regulation asks for, every part optional ("prefer not to say" first). */
export function ProfileFields({ profile, onChange }: { profile: SkmProfile; onChange: (profile: SkmProfile) => void }) {
  const { t } = useTranslation();
  const select = (field: Field, label: string, options: readonly string[], name: (value: string) => string) => (
    <ProfileSelect
      label={label}
      value={profile[field] ?? ''}
      options={options.map((value) => ({ value, label: name(value) }))}
      onChange={(value) => onChange({ ...profile, [field]: value === '' ? undefined : value })}
    />
  );
  return (
    <fieldset className="v-profile">
      <legend className="v-legend">{t('visitorPages.skm_profile')}</legend>
      {select('ageGroup', t('visitorPages.skm_ageGroup'), AGE_GROUPS, (v) => t(`visitorPages.skm_age_${v as (typeof AGE_GROUPS)[number]}`))}
      {select('sex', t('visitorPages.skm_sex'), SEXES, (v) => t(`visitorPages.skm_sexes_${v as (typeof SEXES)[number]}`))}
      {select('education', t('visitorPages.skm_education'), EDUCATION_LEVELS, (v) => t(`visitorPages.skm_educations_${v as (typeof EDUCATION_LEVELS)[number]}`))}
      {select('occupation', t('visitorPages.skm_occupation'), OCCUPATIONS, (v) => t(`visitorPages.skm_occupations_${v as (typeof OCCUPATIONS)[number]}`))}
    </fieldset>
  );
}

function ProfileSelect({ label, value, options, onChange }: { label: string; value: string; options: { value: string; label: string }[]; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="v-field">
      <label htmlFor={id} className="v-label">
        {label}
      </label>
      <select id={id} className="v-input v-select" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t('visitorPages.skm_notSaid')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
