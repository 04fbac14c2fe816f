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
from .candidate import Candidate
from .candidate_create import CandidateCreate
from .candidate_in import CandidateIn
from .candidate_sys_last_security_context_type_0 import CandidateSysLastSecurityContextType0
from .domain import Domain
from .domain_score import DomainScore
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
from .proctor_sys_last_security_context_type_0 import ProctorSysLastSecurityContextType0
from .start_export_candidates_tenant_id_exports_post_body import StartExportCandidatesTenantIdExportsPostBody
from .start_export_candidates_tenant_id_exports_post_body_filter import (
    StartExportCandidatesTenantIdExportsPostBodyFilter,
)
from .start_export_candidates_tenant_id_exports_post_body_format import (
    StartExportCandidatesTenantIdExportsPostBodyFormat,
)
from .start_export_exam_reg_processes_tenant_id_exports_post_body import (
    StartExportExamRegProcessesTenantIdExportsPostBody,
)
from .start_export_exam_reg_processes_tenant_id_exports_post_body_filter import (
    StartExportExamRegProcessesTenantIdExportsPostBodyFilter,
)
from .start_export_exam_reg_processes_tenant_id_exports_post_body_format import (
    StartExportExamRegProcessesTenantIdExportsPostBodyFormat,
)
from .start_export_exam_registrations_tenant_id_exports_post_body import (
    StartExportExamRegistrationsTenantIdExportsPostBody,
)
from .start_export_exam_registrations_tenant_id_exports_post_body_filter import (
    StartExportExamRegistrationsTenantIdExportsPostBodyFilter,
)
from .start_export_exam_registrations_tenant_id_exports_post_body_format import (
    StartExportExamRegistrationsTenantIdExportsPostBodyFormat,
)
from .start_export_exam_results_tenant_id_exports_post_body import StartExportExamResultsTenantIdExportsPostBody
from .start_export_exam_results_tenant_id_exports_post_body_filter import (
    StartExportExamResultsTenantIdExportsPostBodyFilter,
)
from .start_export_exam_results_tenant_id_exports_post_body_format import (
    StartExportExamResultsTenantIdExportsPostBodyFormat,
)
from .start_export_exams_tenant_id_exports_post_body import StartExportExamsTenantIdExportsPostBody
from .start_export_exams_tenant_id_exports_post_body_filter import StartExportExamsTenantIdExportsPostBodyFilter
from .start_export_exams_tenant_id_exports_post_body_format import StartExportExamsTenantIdExportsPostBodyFormat
from .start_export_proctors_tenant_id_exports_post_body import StartExportProctorsTenantIdExportsPostBody
from .start_export_proctors_tenant_id_exports_post_body_filter import StartExportProctorsTenantIdExportsPostBodyFilter
from .start_export_proctors_tenant_id_exports_post_body_format import StartExportProctorsTenantIdExportsPostBodyFormat
from .start_export_testing_centers_tenant_id_exports_post_body import StartExportTestingCentersTenantIdExportsPostBody
from .start_export_testing_centers_tenant_id_exports_post_body_filter import (
    StartExportTestingCentersTenantIdExportsPostBodyFilter,
)
from .start_export_testing_centers_tenant_id_exports_post_body_format import (
    StartExportTestingCentersTenantIdExportsPostBodyFormat,
)
from .start_load_candidates_tenant_id_bulk_loads_post_json_body import StartLoadCandidatesTenantIdBulkLoadsPostJsonBody
from .start_load_candidates_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadCandidatesTenantIdBulkLoadsPostJsonBodyFormat,
)
from .start_load_exam_reg_processes_tenant_id_bulk_loads_post_json_body import (
    StartLoadExamRegProcessesTenantIdBulkLoadsPostJsonBody,
)
from .start_load_exam_reg_processes_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadExamRegProcessesTenantIdBulkLoadsPostJsonBodyFormat,
)
from .start_load_exam_registrations_tenant_id_bulk_loads_post_json_body import (
    StartLoadExamRegistrationsTenantIdBulkLoadsPostJsonBody,
)
from .start_load_exam_registrations_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadExamRegistrationsTenantIdBulkLoadsPostJsonBodyFormat,
)
from .start_load_exam_results_tenant_id_bulk_loads_post_json_body import (
    StartLoadExamResultsTenantIdBulkLoadsPostJsonBody,
)
from .start_load_exam_results_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadExamResultsTenantIdBulkLoadsPostJsonBodyFormat,
)
from .start_load_exams_tenant_id_bulk_loads_post_json_body import StartLoadExamsTenantIdBulkLoadsPostJsonBody
from .start_load_exams_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadExamsTenantIdBulkLoadsPostJsonBodyFormat,
)
from .start_load_proctors_tenant_id_bulk_loads_post_json_body import StartLoadProctorsTenantIdBulkLoadsPostJsonBody
from .start_load_proctors_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadProctorsTenantIdBulkLoadsPostJsonBodyFormat,
)
from .start_load_testing_centers_tenant_id_bulk_loads_post_json_body import (
    StartLoadTestingCentersTenantIdBulkLoadsPostJsonBody,
)
from .start_load_testing_centers_tenant_id_bulk_loads_post_json_body_format import (
    StartLoadTestingCentersTenantIdBulkLoadsPostJsonBodyFormat,
)
from .testing_center import TestingCenter
from .testing_center_create import TestingCenterCreate
from .testing_center_in import TestingCenterIn
from .testing_center_sys_last_security_context_type_0 import TestingCenterSysLastSecurityContextType0

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
    "Candidate",
    "CandidateCreate",
    "CandidateIn",
    "CandidateSysLastSecurityContextType0",
    "Domain",
    "DomainScore",
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
    "ProctorSysLastSecurityContextType0",
    "StartExportCandidatesTenantIdExportsPostBody",
    "StartExportCandidatesTenantIdExportsPostBodyFilter",
    "StartExportCandidatesTenantIdExportsPostBodyFormat",
    "StartExportExamRegistrationsTenantIdExportsPostBody",
    "StartExportExamRegistrationsTenantIdExportsPostBodyFilter",
    "StartExportExamRegistrationsTenantIdExportsPostBodyFormat",
    "StartExportExamRegProcessesTenantIdExportsPostBody",
    "StartExportExamRegProcessesTenantIdExportsPostBodyFilter",
    "StartExportExamRegProcessesTenantIdExportsPostBodyFormat",
    "StartExportExamResultsTenantIdExportsPostBody",
    "StartExportExamResultsTenantIdExportsPostBodyFilter",
    "StartExportExamResultsTenantIdExportsPostBodyFormat",
    "StartExportExamsTenantIdExportsPostBody",
    "StartExportExamsTenantIdExportsPostBodyFilter",
    "StartExportExamsTenantIdExportsPostBodyFormat",
    "StartExportProctorsTenantIdExportsPostBody",
    "StartExportProctorsTenantIdExportsPostBodyFilter",
    "StartExportProctorsTenantIdExportsPostBodyFormat",
    "StartExportTestingCentersTenantIdExportsPostBody",
    "StartExportTestingCentersTenantIdExportsPostBodyFilter",
    "StartExportTestingCentersTenantIdExportsPostBodyFormat",
    "StartLoadCandidatesTenantIdBulkLoadsPostJsonBody",
    "StartLoadCandidatesTenantIdBulkLoadsPostJsonBodyFormat",
    "StartLoadExamRegistrationsTenantIdBulkLoadsPostJsonBody",
    "StartLoadExamRegistrationsTenantIdBulkLoadsPostJsonBodyFormat",
    "StartLoadExamRegProcessesTenantIdBulkLoadsPostJsonBody",
    "StartLoadExamRegProcessesTenantIdBulkLoadsPostJsonBodyFormat",
    "StartLoadExamResultsTenantIdBulkLoadsPostJsonBody",
    "StartLoadExamResultsTenantIdBulkLoadsPostJsonBodyFormat",
    "StartLoadExamsTenantIdBulkLoadsPostJsonBody",
    "StartLoadExamsTenantIdBulkLoadsPostJsonBodyFormat",
    "StartLoadProctorsTenantIdBulkLoadsPostJsonBody",
    "StartLoadProctorsTenantIdBulkLoadsPostJsonBodyFormat",
    "StartLoadTestingCentersTenantIdBulkLoadsPostJsonBody",
    "StartLoadTestingCentersTenantIdBulkLoadsPostJsonBodyFormat",
    "TestingCenter",
    "TestingCenterCreate",
    "TestingCenterIn",
    "TestingCenterSysLastSecurityContextType0",
)
