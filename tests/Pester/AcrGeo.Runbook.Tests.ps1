# The Azure Automation runbook in examples/runbooks, run as Automation runs it: a fresh PowerShell with AcrGeo imported,
# no Connect-AcrGeo, AZURE_SUBSCRIPTION_ID set, and the account's managed identity offered through IDENTITY_ENDPOINT
# and IDENTITY_HEADER (here the emulator's managed-identity endpoint). It must reconcile the replicas, find the image in
# every region, rotate the password that expires soon with its container group, and report it all.

Describe 'The Automation runbook, signed in with the managed identity and no login step' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        $modulePath = Get-AcrGeoModulePath
        Import-Module $modulePath -Force
        $ProgressPreference = 'SilentlyContinue'
        $runbook = Join-Path (Get-AcrGeoRepositoryRoot) 'examples/runbooks/Update-AcrGeoRegistry.ps1'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 0.5 -SyncDelaySeconds 1 -RetryAfterSeconds 0 -PollIntervalSeconds 0.2
        $connection = Get-EmulatorConnection -Emulator $emulator

        # What the runbook keeps, arranged as the emulator's service principal: a registry in westus replicated to eastus
        # and westeurope, its image, a pull password that expires in five days, and a container group that pulls with it.
        $resourceGroup = 'rg-acrgeo-runbook'
        $registry = New-TestResourceName -Prefix 'contoso'
        $vault = New-AcrKeyVault -Name (New-TestResourceName -Prefix 'kv-run-') -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup
        $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus
        $null = New-AcrReplica -Registry $registry -Location eastus, westeurope
        $null = Import-AcrImage -Registry $registry -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'aci-helloworld:v1'
        $null = Wait-AcrReplica -Registry $registry -TimeoutSeconds 60
        $null = New-AcrPullPrincipal -Registry $registry -VaultName $vault.Name -ExpiresIn (New-TimeSpan -Days 5)
        $null = New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-runbook' -Image 'aci-helloworld:v1' -VaultName $vault.Name

        # As the runbook's notes ask, the account's identity may write the vault's secrets (Key Vault Secrets Officer).
        $identityToken = Invoke-RestMethod -SkipCertificateCheck -Headers @{ 'X-IDENTITY-HEADER' = $connection.identityHeader } `
            -Uri "$($connection.identityEndpoint)?api-version=2019-08-01&resource=https://management.azure.com"
        $payload = $identityToken.access_token.Split('.')[1].Replace('-', '+').Replace('_', '/')
        $identityObjectId = ([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($payload.PadRight($payload.Length + (4 - $payload.Length % 4) % 4, '='))) |
            ConvertFrom-Json).oid
        $armToken = Invoke-RestMethod -Method Post -SkipCertificateCheck -Uri "$($connection.baseUrl)/$($connection.tenantId)/oauth2/v2.0/token" -Body @{
            grant_type = 'client_credentials'; client_id = $connection.clientId; client_secret = $connection.clientSecret
            scope = 'https://management.azure.com/.default'
        }
        $null = Invoke-RestMethod -Method Put -SkipCertificateCheck -ContentType 'application/json' `
            -Uri "$($connection.baseUrl)$($vault.Id)/providers/Microsoft.Authorization/roleAssignments/$([guid]::NewGuid())?api-version=2022-04-01" `
            -Headers @{ Authorization = "Bearer $($armToken.access_token)" } `
            -Body (@{ properties = @{
                        roleDefinitionId = "/subscriptions/$($connection.subscriptionId)/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7"
                        principalId = $identityObjectId; principalType = 'ServicePrincipal' } } | ConvertTo-Json -Depth 3)

        function Invoke-Runbook([hashtable] $Environment) {
            # A fresh PowerShell, as an Automation job: AcrGeo imported, never connected; the report comes back as JSON.
            $script = {
                $ErrorActionPreference = 'Stop'
                Import-Module $env:RUNBOOK_MODULE
                $report = & $env:RUNBOOK_PATH -RegistryName $env:RUNBOOK_REGISTRY -Region eastus, 'Japan East' -Image aci-helloworld:v1 -RotateWithinDays 30 -TimeoutMinutes 2
                'REPORT ' + ($report | ConvertTo-Json -Depth 6 -Compress)
            }.ToString()
            Invoke-FreshPowerShell -Script $script -Environment ($Environment + @{
                    RUNBOOK_MODULE = $modulePath; RUNBOOK_PATH = $runbook; RUNBOOK_REGISTRY = $registry
                    AZURE_SUBSCRIPTION_ID = $connection.subscriptionId; ACRGEO_EMULATOR_DATA_DIR = $emulator.DataDirectory
                })
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    It 'reconciles the replicas, finds the image in every region, rotates the expiring password with its group, and reports it' {
        Clear-EmulatorLog -Emulator $emulator
        $old = Get-AcrPullCredential -Registry $registry -VaultName $vault.Name

        $run = Invoke-Runbook @{ IDENTITY_ENDPOINT = $connection.identityEndpoint; IDENTITY_HEADER = $connection.identityHeader }

        # What the runbook printed, without the terminal's colour codes (the test report is XML).
        $run.ExitCode | Should -Be 0 -Because (($run.Output -join "`n") -replace '\x1b\[[0-9;]*m', '')
        $report = ($run.Output | Where-Object { $_.StartsWith('REPORT ') } | Select-Object -Last 1).Substring(7) | ConvertFrom-Json
        $report.Succeeded | Should -BeTrue
        $report.ImageInAllRegions | Should -BeTrue
        $report.ReplicasAdded | Should -Be @('japaneast')
        $report.ReplicasRemoved | Should -Be @('westeurope')
        $report.Regions -join ', ' | Should -Be 'eastus, japaneast, westus'
        $report.Image | Should -Be "$registry.azurecr.io/aci-helloworld:v1"
        $report.Rotated.Count | Should -Be 1
        $report.Rotated[0].ContainerInstances | Should -Be @("$resourceGroup/aci-runbook")
        $report.Rotated[0].PreviousCredentialRemoved | Should -BeTrue

        (Get-AcrReplica -Registry $registry).Location | Sort-Object | Should -Be @('eastus', 'japaneast', 'westus')
        Test-EmulatorSignIn -Emulator $emulator -Credential $old | Should -BeFalse
        (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-runbook').State | Should -Be 'Running'
        # The process had no credential but the managed identity's endpoint, and asked it for its tokens.
        @(Get-EmulatorRequest -Emulator $emulator | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/msi/token' }).Count | Should -BeGreaterThan 0
        @(Get-EmulatorPull -Emulator $emulator | Where-Object { -not $_.succeeded }).Count | Should -Be 0
    }
}
