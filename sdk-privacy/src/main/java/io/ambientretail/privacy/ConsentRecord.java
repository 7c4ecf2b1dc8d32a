package io.ambientretail.privacy;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof of one consent decision: which subject granted, withdrew or objected, for which purpose,
 * under which notice version, through which channel, and when. Every record is also written to the
 * tamper-evident audit log.
 *
 * <p>Immutable.
 */
public final class ConsentRecord {
  /** What the subject did. */
  public enum Action {
    /** Gave consent for the purpose. */
    GRANT,
    /** Took consent back; processing for the purpose stops at once. */
    WITHDRAW,
    /** Objected to processing based on legitimate interest (GDPR Art. 21). */
    OBJECT
  }

  @PersonalData(
      category = "pseudonym",
      purposes = {"legal-obligation"})
  private final SubjectId subject;

  private final Purpose purpose;
  private final Action action;
  private final String noticeId;
  private final int noticeVersion;
  private final String channel;
  private final Instant time;

  ConsentRecord(
      SubjectId subject,
      Purpose purpose,
      Action action,
      String noticeId,
      int noticeVersion,
      String channel,
      Instant time) {
    this.subject = subject;
    this.purpose = purpose;
    this.action = action;
    this.noticeId = noticeId;
    this.noticeVersion = noticeVersion;
    this.channel = Objects.requireNonNull(channel, "channel");
    this.time = time;
  }

  /**
   * Rebuilds a record as a {@link ConsentStore} kept it.
   *
   * @param noticeId the notice shown, empty for none
   * @param noticeVersion the notice's version, 0 for none
   */
  public static ConsentRecord of(
      SubjectId subject,
      Purpose purpose,
      Action action,
      String noticeId,
      int noticeVersion,
      String channel,
      Instant time) {
    return new ConsentRecord(
        Objects.requireNonNull(subject, "subject"),
        Objects.requireNonNull(purpose, "purpose"),
        Objects.requireNonNull(action, "action"),
        Objects.requireNonNull(noticeId, "noticeId"),
        noticeVersion,
        channel,
        Objects.requireNonNull(time, "time"));
  }

  /** Who decided. */
  public SubjectId subject() {
    return subject;
  }

  /** For which purpose. */
  public Purpose purpose() {
    return purpose;
  }

  /** What they decided. */
  public Action action() {
    return action;
  }

  /** The notice shown (empty for a withdrawal or objection made without one). */
  public String noticeId() {
    return noticeId;
  }

  /** The notice's version (0 when none). */
  public int noticeVersion() {
    return noticeVersion;
  }

  /** Where: {@code kiosk-3}, {@code app}, {@code web}, {@code support-call}. */
  public String channel() {
    return channel;
  }

  /** When. */
  public Instant time() {
    return time;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConsentRecord)) {
      return false;
    }
    ConsentRecord r = (ConsentRecord) o;
    return subject.equals(r.subject)
        && purpose.equals(r.purpose)
        && action == r.action
        && noticeId.equals(r.noticeId)
        && noticeVersion == r.noticeVersion
        && channel.equals(r.channel)
        && time.equals(r.time);
  }

  @Override
  public int hashCode() {
    return Objects.hash(subject, purpose, action, noticeId, noticeVersion, channel, time);
  }

  @Override
  public String toString() {
    return "ConsentRecord{"
        + action
        + " "
        + purpose
        + " notice="
        + noticeId
        + "/v"
        + noticeVersion
        + " via "
        + channel
        + " at "
        + time
        + "}";
  }
}
