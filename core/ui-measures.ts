/**
 * Names of the performance measures the counter screen takes (renderer/counter/ui-timing.ts), read
 * by the suite and by `npm run bench -- counter-ui`: key press → the frame showing the result.
 */
export const ACTION_MEASURE = 'loket:action';
