import { useCallback, useEffect, useRef, useState } from 'react';
import { ANNOUNCEMENT_CLIPS } from '../../core/announcement-clips.ts';
import type { Agency } from '../../core/domain.ts';
import type { StreamMessage } from '../../core/stream.ts';
import type { DeviceStorage } from '../shared/device-enrollment.tsx';
import { AnnouncementQueue, type AnnounceEvent } from './announcer-queue.ts';
import type { BoardAudio } from './board-audio.ts';

/** The window event of each announcement step, for tests and diagnostics. */
export const ANNOUNCE_EVENT = 'loket:announce';
/** Remembers that someone turned the sound on here once (localStorage). */
export const SOUND_STORAGE_KEY = 'loket.board.sound';

/**
 * `checking`: asking the browser whether sound may start; `locked`: it waits for a click or a key;
 * `ready`: calls are said aloud; `none`: this browser has no way to make sound.
 */
export type SoundState = 'checking' | 'locked' | 'ready' | 'none';

/** Live-feed messages handed from the feed to whoever listens (the announcer). */
export interface MessageRelay {
  emit(message: StreamMessage): void;
  listen(listener: (message: StreamMessage) => void): () => void;
}

export function createMessageRelay(): MessageRelay {
  const listeners = new Set<(message: StreamMessage) => void>();
  return {
    emit: (message) => listeners.forEach((listener) => listener(message)),
    listen: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export interface Announcer {
  sound: SoundState;
  /** Sound was turned on here before: the prompt can be small. */
  remembered: boolean;
  /** Call from a click or key handler: the browser lets the page make sound from then on. */
  activate: () => void;
}

interface AnnouncerOptions {
  audio: BoardAudio | null;
  messages: MessageRelay;
  agencies: readonly Agency[] | undefined;
  storage: DeviceStorage | undefined;
}

const hasSound = (audio: BoardAudio | null): audio is BoardAudio => audio !== null && (audio.clips !== null || audio.speech !== null);

const dispatchAnnounce = (detail: AnnounceEvent): void => {
  window.dispatchEvent(new CustomEvent<AnnounceEvent>(ANNOUNCE_EVENT, { detail }));
};

function readRemembered(storage: DeviceStorage | undefined): boolean {
  try {
    return storage?.getItem(SOUND_STORAGE_KEY) === 'on';
  } catch {
    return false;
  }
}

/**
 * The board's voice calls: every call and recall from the live feed is queued and said (chime and
 * clips, or the browser's speech), one at a time. Until the browser allows sound, calls are shown
 * silently and the board asks for one click or key press (any key or click on the board does it).
 */
export function useAnnouncer({ audio, messages, agencies, storage }: AnnouncerOptions): Announcer {
  const [sound, setSound] = useState<SoundState>(() => (hasSound(audio) ? 'checking' : 'none'));
  const [remembered, setRemembered] = useState(() => readRemembered(storage));
  const soundRef = useRef(sound);
  const agenciesRef = useRef(agencies);
  useEffect(() => {
    soundRef.current = sound;
  }, [sound]);
  useEffect(() => {
    agenciesRef.current = agencies;
  }, [agencies]);

  // the queue, fed by the live feed
  useEffect(() => {
    if (!hasSound(audio)) return;
    const queue = new AnnouncementQueue({
      clips: audio.clips,
      speech: audio.speech,
      canSound: () => soundRef.current === 'ready',
      emit: dispatchAnnounce,
      onError: (error) => console.warn('Loket board: an announcement failed', error),
    });
    const stop = messages.listen((message) => {
      if (message.type !== 'ticket' || (message.event !== 'called' && message.event !== 'recalled')) return;
      const { ticket } = message;
      if (ticket.counterId === null || ticket.counterNumber === null) return;
      const agency = agenciesRef.current?.find((a) => a.id === ticket.agencyId);
      queue.enqueue({
        key: `${ticket.id}:${ticket.counterId}:${ticket.callCount}`,
        number: ticket.number,
        counterNumber: ticket.counterNumber,
        agencyName: agency?.shortName ?? null,
        recall: message.event === 'recalled',
      });
    });
    return () => {
      stop();
      queue.dispose();
      audio.speech?.cancel();
    };
  }, [audio, messages]);

  // may sound start without a click here (a kiosk browser that allows autoplay)?
  useEffect(() => {
    if (!hasSound(audio)) return;
    let live = true;
    const allowed = audio.clips ? audio.clips.start() : Promise.resolve(audio.userActivated());
    void allowed.then((ok) => {
      if (!live) return;
      setSound((now) => (now === 'ready' ? now : ok ? 'ready' : 'locked'));
      if (ok) audio.clips?.warm(ANNOUNCEMENT_CLIPS);
    });
    return () => {
      live = false;
    };
  }, [audio]);

  const activate = useCallback(() => {
    if (!hasSound(audio)) return;
    // both inside the user's gesture: that is what the browser waits for
    const started = audio.clips ? audio.clips.start() : Promise.resolve(false);
    audio.speech?.unlock();
    setSound('ready');
    setRemembered(true);
    try {
      storage?.setItem(SOUND_STORAGE_KEY, 'on');
    } catch {
      // not remembered: the board asks again after a reload
    }
    void started.then((ok) => ok && audio.clips?.warm(ANNOUNCEMENT_CLIPS));
  }, [audio, storage]);

  // any click or key press on the board turns the sound on
  useEffect(() => {
    if (sound !== 'locked') return;
    const onGesture = (): void => activate();
    window.addEventListener('pointerdown', onGesture, true);
    window.addEventListener('keydown', onGesture, true);
    return () => {
      window.removeEventListener('pointerdown', onGesture, true);
      window.removeEventListener('keydown', onGesture, true);
    };
  }, [sound, activate]);

  return { sound, remembered, activate };
}
