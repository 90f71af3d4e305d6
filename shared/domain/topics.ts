/**
 * The SNS topics, one per event family; each family's webhook deliveries go to `{url}/{family}`
 * (the PlanningHub spec names `/shift-conflict` and `/equipment-maintenance`). Declared in the domain
 * because the catalogue of events names them; lib/table.ts builds the topics from this list.
 */
export const topicNames = ['shift-conflict', 'equipment-maintenance', 'shift', 'equipment-booking', 'event', 'registration'] as const;
export type TopicName = (typeof topicNames)[number];
