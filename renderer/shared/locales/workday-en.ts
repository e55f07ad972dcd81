import type { workdayId } from './workday-id.ts';

export const workdayEn: typeof workdayId = {
  pause: 'Pause',
  resume: 'Resume',
  closeCounter: 'Close counter',
  pauseTitle: 'Pause the counter: why?',
  pauseHint: 'Press 1–4, or the arrows then Enter. Esc to cancel. Nobody is called to this counter while it is paused.',
  reason_break: 'Break',
  reason_prayer: 'Prayer',
  reason_system: 'System problem',
  reason_other: 'Other',
  pausedTitle: 'Counter paused: {{reason}}',
  pausedSince: 'Since {{time}}. The hall board shows this counter as paused.',
  pausedHint: 'Press Shift+F2 to resume serving.',
  closeTitle: 'Close counter {{number}} for today?',
  closeHint: 'The counter takes no more calls and the hall board shows it closed. Press 1 or Enter to close, Esc to cancel.',
  closeConfirm: 'Yes, close the counter',
  suggestNoShow: 'Called {{count}}× already. If the visitor does not come, mark a no-show (F9).',
  statusSynced: 'All sent',
  statusPending_one: '{{count}} not sent yet',
  statusPending_other: '{{count}} not sent yet',
  statusSyncedDescription: 'The hall server has received every action taken at this counter.',
  statusPendingDescription:
    'Actions recorded on this PC that the hall server has not received yet. Nothing is lost: they are kept on the PC and sent by themselves once connected.',
  dashboard: 'Supervisor dashboard',
  dashboardHint: 'Open the supervisor dashboard in the browser: the live hall view and reports. The supervisor signs in with their PIN.',
};
