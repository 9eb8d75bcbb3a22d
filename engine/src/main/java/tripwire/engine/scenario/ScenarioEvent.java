package tripwire.engine.scenario;

/**
 * One scenario line encoded as the engine's input: its envelope (seq, event time) and its SBE frame.
 *
 * @param seq    the 1-based physical line number.
 * @param timeNs the event time in nanoseconds.
 * @param frame  the SBE frame, header included.
 */
public record ScenarioEvent(long seq, long timeNs, byte[] frame)
{
}
