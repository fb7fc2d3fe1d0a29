# Helpers for the geo-replication suites: the emulator's admin API (request log, settings, fault rules), dot-sourced
# after Common.ps1. The admin API answers on loopback with no token; only these test calls skip the certificate check.

function Invoke-EmulatorAdmin {
    param([Parameter(Mandatory)] $Emulator, [string] $Method = 'Get', [Parameter(Mandatory)] [string] $Path, $Body)
    $connection = Get-EmulatorConnection -Emulator $Emulator
    $arguments = @{ Method = $Method; Uri = "$($connection.baseUrl)/_emulator/$Path"; SkipCertificateCheck = $true }
    if ($null -ne $Body) { $arguments.Body = $Body | ConvertTo-Json -Depth 5; $arguments.ContentType = 'application/json' }
    Invoke-RestMethod @arguments
}

function Clear-EmulatorRequestLog { param([Parameter(Mandatory)] $Emulator) $null = Invoke-EmulatorAdmin -Emulator $Emulator -Method Delete -Path requests }

function Get-EmulatorRequest {
    # The ARM requests the emulator saw since the log was last cleared; token requests left out.
    param([Parameter(Mandatory)] $Emulator, [switch] $IncludeTokens)
    # Invoke-RestMethod writes a JSON array as one object; from a variable it goes down the pipeline item by item.
    $log = Invoke-EmulatorAdmin -Emulator $Emulator -Path requests
    $log | Where-Object { $IncludeTokens -or $_.path -notlike '*/oauth2/*' }
}

function Get-EmulatorWriteCount {
    # Requests that change something: PUT, PATCH, DELETE, and POST actions other than listing events.
    param([Parameter(Mandatory)] $Emulator)
    @(Get-EmulatorRequest -Emulator $Emulator | Where-Object {
            $_.method -in 'PUT', 'PATCH', 'DELETE' -or ($_.method -eq 'POST' -and $_.path -notlike '*/listEvents')
        }).Count
}

function Set-EmulatorSetting {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Setting)
    $null = Invoke-EmulatorAdmin -Emulator $Emulator -Method Patch -Path settings -Body $Setting
}

function Add-EmulatorFault {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Rule)
    Invoke-EmulatorAdmin -Emulator $Emulator -Method Post -Path faults -Body $Rule
}
