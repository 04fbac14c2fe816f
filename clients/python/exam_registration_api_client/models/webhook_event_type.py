from enum import StrEnum


class WebhookEventType(StrEnum):
    BULKLOADS_FINISHED = "bulkLoads.finished"
    CANDIDATES_CREATED = "candidates.created"
    CANDIDATES_DELETED = "candidates.deleted"
    CANDIDATES_UPDATED = "candidates.updated"
    EXAMREGISTRATIONS_CREATED = "examRegistrations.created"
    EXAMREGISTRATIONS_DELETED = "examRegistrations.deleted"
    EXAMREGISTRATIONS_UPDATED = "examRegistrations.updated"
    EXAMREGPROCESSES_CREATED = "examRegProcesses.created"
    EXAMREGPROCESSES_DELETED = "examRegProcesses.deleted"
    EXAMREGPROCESSES_UPDATED = "examRegProcesses.updated"
    EXAMRESULTS_CREATED = "examResults.created"
    EXAMRESULTS_DELETED = "examResults.deleted"
    EXAMRESULTS_UPDATED = "examResults.updated"
    EXAMS_CREATED = "exams.created"
    EXAMS_DELETED = "exams.deleted"
    EXAMS_UPDATED = "exams.updated"
    EXPORTS_FINISHED = "exports.finished"
    PROCTORS_CREATED = "proctors.created"
    PROCTORS_DELETED = "proctors.deleted"
    PROCTORS_UPDATED = "proctors.updated"
    TESTINGCENTERS_CREATED = "testingCenters.created"
    TESTINGCENTERS_DELETED = "testingCenters.deleted"
    TESTINGCENTERS_UPDATED = "testingCenters.updated"
    WEBHOOKENDPOINTS_TEST = "webhookEndpoints.test"

    def __str__(self) -> str:
        return str(self.value)
