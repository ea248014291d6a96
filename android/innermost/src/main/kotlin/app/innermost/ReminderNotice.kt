package app.innermost

// One reminder as the notification side sees it, and how it travels in intent extras.

import android.content.Intent
import app.innermost.ffi.PlanItem
import app.innermost.ffi.PlanItemReason

/**
 * What a reminder notification is made of: ids, and the lock-screen text of a plan item
 * (neutral, or the person's own label when [hasOwnLabel]).
 */
internal data class ReminderNotice(
    val itemId: String,
    val occurrenceId: String,
    val requestCode: Int,
    val reason: PlanItemReason,
    val title: String,
    val body: String,
    val hasOwnLabel: Boolean,
) {
    /** Puts this notice into [intent]'s extras. */
    fun writeTo(intent: Intent) {
        intent.putExtra(ReminderIntents.EXTRA_ITEM_ID, itemId)
            .putExtra(ReminderIntents.EXTRA_OCCURRENCE_ID, occurrenceId)
            .putExtra(ReminderIntents.EXTRA_REQUEST_CODE, requestCode)
            .putExtra(ReminderIntents.EXTRA_REASON, reason.name)
            .putExtra(ReminderIntents.EXTRA_TITLE, title)
            .putExtra(ReminderIntents.EXTRA_BODY, body)
            .putExtra(ReminderIntents.EXTRA_OWN_LABEL, hasOwnLabel)
    }

    companion object {
        /** The notice of a plan item. */
        fun of(item: PlanItem) = ReminderNotice(
            itemId = item.id,
            occurrenceId = item.occurrenceId,
            requestCode = item.requestCode,
            reason = item.reason,
            title = item.title,
            body = item.body,
            hasOwnLabel = item.hasOwnLabel,
        )

        /** Reads a notice back from [intent]; null if its ids are missing. */
        fun from(intent: Intent): ReminderNotice? {
            val itemId = intent.getStringExtra(ReminderIntents.EXTRA_ITEM_ID) ?: return null
            val occurrenceId = intent.getStringExtra(ReminderIntents.EXTRA_OCCURRENCE_ID) ?: return null
            if (!intent.hasExtra(ReminderIntents.EXTRA_REQUEST_CODE)) return null
            val reason = PlanItemReason.entries.firstOrNull {
                it.name == intent.getStringExtra(ReminderIntents.EXTRA_REASON)
            } ?: PlanItemReason.SCHEDULED
            return ReminderNotice(
                itemId = itemId,
                occurrenceId = occurrenceId,
                requestCode = intent.getIntExtra(ReminderIntents.EXTRA_REQUEST_CODE, 0),
                reason = reason,
                title = intent.getStringExtra(ReminderIntents.EXTRA_TITLE).orEmpty(),
                body = intent.getStringExtra(ReminderIntents.EXTRA_BODY).orEmpty(),
                hasOwnLabel = intent.getBooleanExtra(ReminderIntents.EXTRA_OWN_LABEL, false),
            )
        }
    }
}
