"""Contains all the data models used in inputs/outputs"""

from .address import Address
from .api_key import ApiKey
from .api_key_create import ApiKeyCreate
from .api_key_create_role import ApiKeyCreateRole
from .api_key_role import ApiKeyRole
from .api_key_sys_last_security_context_type_0 import ApiKeySysLastSecurityContextType0
from .batch_request import BatchRequest
from .batch_request_batch_operation import BatchRequestBatchOperation
from .batch_result import BatchResult
from .batch_result_results_item import BatchResultResultsItem
from .batch_result_results_item_operation_type_1 import BatchResultResultsItemOperationType1
from .bulk_load_request import BulkLoadRequest
from .bulk_load_request_format import BulkLoadRequestFormat
from .calendar import Calendar
from .calendar_days_item import CalendarDaysItem
from .candidate import Candidate
from .candidate_create import CandidateCreate
from .candidate_in import CandidateIn
from .candidate_sys_last_security_context_type_0 import CandidateSysLastSecurityContextType0
from .delivery_attempt import DeliveryAttempt
from .delivery_attempt_status import DeliveryAttemptStatus
from .domain import Domain
from .domain_score import DomainScore
from .eligibility import Eligibility
from .event import Event
from .event_data import EventData
from .event_type import EventType
from .exam import Exam
from .exam_create import ExamCreate
from .exam_in import ExamIn
from .exam_reg_process import ExamRegProcess
from .exam_reg_process_checkout_settings import ExamRegProcessCheckoutSettings
from .exam_reg_process_confirmation_email import ExamRegProcessConfirmationEmail
from .exam_reg_process_contact_form_options import ExamRegProcessContactFormOptions
from .exam_reg_process_create import ExamRegProcessCreate
from .exam_reg_process_create_checkout_settings import ExamRegProcessCreateCheckoutSettings
from .exam_reg_process_create_confirmation_email import ExamRegProcessCreateConfirmationEmail
from .exam_reg_process_create_contact_form_options import ExamRegProcessCreateContactFormOptions
from .exam_reg_process_create_custom_field_values_type_0_item import ExamRegProcessCreateCustomFieldValuesType0Item
from .exam_reg_process_create_type import ExamRegProcessCreateType
from .exam_reg_process_custom_field_values_type_0_item import ExamRegProcessCustomFieldValuesType0Item
from .exam_reg_process_in import ExamRegProcessIn
from .exam_reg_process_in_checkout_settings import ExamRegProcessInCheckoutSettings
from .exam_reg_process_in_confirmation_email import ExamRegProcessInConfirmationEmail
from .exam_reg_process_in_contact_form_options import ExamRegProcessInContactFormOptions
from .exam_reg_process_in_custom_field_values_type_0_item import ExamRegProcessInCustomFieldValuesType0Item
from .exam_reg_process_in_type import ExamRegProcessInType
from .exam_reg_process_sys_last_security_context_type_0 import ExamRegProcessSysLastSecurityContextType0
from .exam_reg_process_type import ExamRegProcessType
from .exam_registration import ExamRegistration
from .exam_registration_create import ExamRegistrationCreate
from .exam_registration_create_delivery_mode import ExamRegistrationCreateDeliveryMode
from .exam_registration_create_status import ExamRegistrationCreateStatus
from .exam_registration_delivery_mode import ExamRegistrationDeliveryMode
from .exam_registration_in import ExamRegistrationIn
from .exam_registration_in_delivery_mode import ExamRegistrationInDeliveryMode
from .exam_registration_in_status import ExamRegistrationInStatus
from .exam_registration_status import ExamRegistrationStatus
from .exam_registration_sys_last_security_context_type_0 import ExamRegistrationSysLastSecurityContextType0
from .exam_result import ExamResult
from .exam_result_candidate import ExamResultCandidate
from .exam_result_create import ExamResultCreate
from .exam_result_exam import ExamResultExam
from .exam_result_in import ExamResultIn
from .exam_result_sys_last_security_context_type_0 import ExamResultSysLastSecurityContextType0
from .exam_sys_last_security_context_type_0 import ExamSysLastSecurityContextType0
from .export_request import ExportRequest
from .export_request_filter import ExportRequestFilter
from .export_request_format import ExportRequestFormat
from .job import Job
from .job_filter import JobFilter
from .job_format import JobFormat
from .job_status import JobStatus
from .patch_operation import PatchOperation
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .proctor import Proctor
from .proctor_create import ProctorCreate
from .proctor_credentials import ProctorCredentials
from .proctor_in import ProctorIn
from .proctor_sign_in import ProctorSignIn
from .proctor_sys_last_security_context_type_0 import ProctorSysLastSecurityContextType0
from .replay_request import ReplayRequest
from .replay_result import ReplayResult
from .test_event_sent import TestEventSent
from .test_event_sent_queued import TestEventSentQueued
from .test_event_sent_type import TestEventSentType
from .testing_center import TestingCenter
from .testing_center_create import TestingCenterCreate
from .testing_center_in import TestingCenterIn
from .testing_center_sys_last_security_context_type_0 import TestingCenterSysLastSecurityContextType0
from .webhook_endpoint import WebhookEndpoint
from .webhook_endpoint_create import WebhookEndpointCreate
from .webhook_endpoint_in import WebhookEndpointIn
from .webhook_endpoint_sys_last_security_context_type_0 import WebhookEndpointSysLastSecurityContextType0
from .webhook_event import WebhookEvent
from .webhook_event_data import WebhookEventData
from .webhook_event_type import WebhookEventType

__all__ = (
    "Address",
    "ApiKey",
    "ApiKeyCreate",
    "ApiKeyCreateRole",
    "ApiKeyRole",
    "ApiKeySysLastSecurityContextType0",
    "BatchRequest",
    "BatchRequestBatchOperation",
    "BatchResult",
    "BatchResultResultsItem",
    "BatchResultResultsItemOperationType1",
    "BulkLoadRequest",
    "BulkLoadRequestFormat",
    "Calendar",
    "CalendarDaysItem",
    "Candidate",
    "CandidateCreate",
    "CandidateIn",
    "CandidateSysLastSecurityContextType0",
    "DeliveryAttempt",
    "DeliveryAttemptStatus",
    "Domain",
    "DomainScore",
    "Eligibility",
    "Event",
    "EventData",
    "EventType",
    "Exam",
    "ExamCreate",
    "ExamIn",
    "ExamRegistration",
    "ExamRegistrationCreate",
    "ExamRegistrationCreateDeliveryMode",
    "ExamRegistrationCreateStatus",
    "ExamRegistrationDeliveryMode",
    "ExamRegistrationIn",
    "ExamRegistrationInDeliveryMode",
    "ExamRegistrationInStatus",
    "ExamRegistrationStatus",
    "ExamRegistrationSysLastSecurityContextType0",
    "ExamRegProcess",
    "ExamRegProcessCheckoutSettings",
    "ExamRegProcessConfirmationEmail",
    "ExamRegProcessContactFormOptions",
    "ExamRegProcessCreate",
    "ExamRegProcessCreateCheckoutSettings",
    "ExamRegProcessCreateConfirmationEmail",
    "ExamRegProcessCreateContactFormOptions",
    "ExamRegProcessCreateCustomFieldValuesType0Item",
    "ExamRegProcessCreateType",
    "ExamRegProcessCustomFieldValuesType0Item",
    "ExamRegProcessIn",
    "ExamRegProcessInCheckoutSettings",
    "ExamRegProcessInConfirmationEmail",
    "ExamRegProcessInContactFormOptions",
    "ExamRegProcessInCustomFieldValuesType0Item",
    "ExamRegProcessInType",
    "ExamRegProcessSysLastSecurityContextType0",
    "ExamRegProcessType",
    "ExamResult",
    "ExamResultCandidate",
    "ExamResultCreate",
    "ExamResultExam",
    "ExamResultIn",
    "ExamResultSysLastSecurityContextType0",
    "ExamSysLastSecurityContextType0",
    "ExportRequest",
    "ExportRequestFilter",
    "ExportRequestFormat",
    "Job",
    "JobFilter",
    "JobFormat",
    "JobStatus",
    "PatchOperation",
    "Problem",
    "ProblemErrorsItem",
    "Proctor",
    "ProctorCreate",
    "ProctorCredentials",
    "ProctorIn",
    "ProctorSignIn",
    "ProctorSysLastSecurityContextType0",
    "ReplayRequest",
    "ReplayResult",
    "TestEventSent",
    "TestEventSentQueued",
    "TestEventSentType",
    "TestingCenter",
    "TestingCenterCreate",
    "TestingCenterIn",
    "TestingCenterSysLastSecurityContextType0",
    "WebhookEndpoint",
    "WebhookEndpointCreate",
    "WebhookEndpointIn",
    "WebhookEndpointSysLastSecurityContextType0",
    "WebhookEvent",
    "WebhookEventData",
    "WebhookEventType",
)
