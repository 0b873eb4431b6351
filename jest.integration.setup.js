// Integration tests wait on the real stack (Kafka, Debezium, Redis): give them room.
jest.setTimeout(120000);
