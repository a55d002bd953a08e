import type { Migration } from 'kysely/migration';
import * as foundation from './0001_foundation.ts';
import * as callLog from './0002_call_log.ts';
import * as crmOutbox from './0003_crm_outbox.ts';
import * as crmRecordingCleanup from './0004_crm_recording_cleanup.ts';
import * as securityHardening from './0005_security_hardening.ts';
import * as invites from './0006_invites.ts';
import * as callRooms from './0007_call_rooms.ts';
import * as liveBoard from './0008_live_board.ts';
import * as hoursAndWaitingLine from './0010_hours_and_waiting_line.ts';
import * as boardWaitingLine from './0011_board_waiting_line.ts';
import * as callFeedPerStatement from './0012_call_feed_per_statement.ts';
import * as authChangeNotices from './0013_auth_change_notices.ts';
import * as crmRecordingPerSid from './0014_crm_recording_per_sid.ts';
import * as answeredBy from './0015_answered_by.ts';
import * as finishUnloggedUpdates from './0016_finish_unlogged_updates.ts';
import * as twilioVoiceUrl from './0017_twilio_voice_url.ts';
import * as recordingPause from './0018_recording_pause.ts';
import * as callCrmLookup from './0019_call_crm_lookup.ts';
import * as boardRecordingPause from './0020_board_recording_pause.ts';
import * as callCrmLookupPending from './0021_call_crm_lookup_pending.ts';
import * as crmOrg from './0022_crm_org.ts';

/** Every migration, in order. Forward-only: append new files, never edit released ones. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': foundation,
  '0002_call_log': callLog,
  '0003_crm_outbox': crmOutbox,
  '0004_crm_recording_cleanup': crmRecordingCleanup,
  '0005_security_hardening': securityHardening,
  '0006_invites': invites,
  '0007_call_rooms': callRooms,
  '0008_live_board': liveBoard,
  '0010_hours_and_waiting_line': hoursAndWaitingLine,
  '0011_board_waiting_line': boardWaitingLine,
  '0012_call_feed_per_statement': callFeedPerStatement,
  '0013_auth_change_notices': authChangeNotices,
  '0014_crm_recording_per_sid': crmRecordingPerSid,
  '0015_answered_by': answeredBy,
  '0016_finish_unlogged_updates': finishUnloggedUpdates,
  '0017_twilio_voice_url': twilioVoiceUrl,
  '0018_recording_pause': recordingPause,
  '0019_call_crm_lookup': callCrmLookup,
  '0020_board_recording_pause': boardRecordingPause,
  '0021_call_crm_lookup_pending': callCrmLookupPending,
  '0022_crm_org': crmOrg,
};
