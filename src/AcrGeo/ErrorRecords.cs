using System.Management.Automation;

namespace AcrGeo;

/// <summary>Engine failures as PowerShell errors: the stable id, the matching category, the offending input.</summary>
static class ErrorRecords
{
    public static ErrorRecord From(AcrGeoException error) =>
        new(error, error.ErrorId, Category(error.Category), error.Target);

    static ErrorCategory Category(AcrErrorCategory category) => category switch
    {
        AcrErrorCategory.InvalidArgument => ErrorCategory.InvalidArgument,
        AcrErrorCategory.ObjectNotFound => ErrorCategory.ObjectNotFound,
        AcrErrorCategory.ResourceExists => ErrorCategory.ResourceExists,
        AcrErrorCategory.PermissionDenied => ErrorCategory.PermissionDenied,
        AcrErrorCategory.AuthenticationError => ErrorCategory.AuthenticationError,
        AcrErrorCategory.OperationTimeout => ErrorCategory.OperationTimeout,
        AcrErrorCategory.LimitsExceeded => ErrorCategory.LimitsExceeded,
        AcrErrorCategory.ConnectionError => ErrorCategory.ConnectionError,
        AcrErrorCategory.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
        AcrErrorCategory.InvalidData => ErrorCategory.InvalidData,
        AcrErrorCategory.WriteError => ErrorCategory.WriteError,
        _ => ErrorCategory.InvalidOperation,
    };
}
