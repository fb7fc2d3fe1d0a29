# The source document's deployment (004): import the image without Docker, make the pull principal, and deploy a
# container group from the registry with its credentials, in one pipeline; then the failures the module tells apart
# before anything is created, the template export without a password, and clean-up. Each Context makes its own
# registry (and container group) in one resource group and vault, so any of them runs alone.

Describe 'Deploying from the registry to Azure Container Instances' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $null = Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 1 -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-aci'
        $vault = New-TestResourceName -Prefix 'kv-aci-'
        $null = New-AcrKeyVault -Name $vault -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup

        function New-DeployableRegistry {
            # A new registry holding aci-helloworld:v1; with -PullPrincipal, its pull credentials are in the vault too.
            param([switch] $PullPrincipal)
            $name = New-TestResourceName -Prefix 'contoso'
            $null = New-AcrRegistry -Name $name -ResourceGroupName $resourceGroup -Location westus
            $null = Import-AcrImage -Registry $name -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'aci-helloworld:v1'
            if ($PullPrincipal) { $null = New-AcrPullPrincipal -Registry $name -VaultName $vault }
            $name
        }

        function New-DeployedGroup([string] $Registry, [string] $Name) {
            New-AcrContainerInstance -Registry $Registry -ResourceGroupName $resourceGroup -Name $Name -Image 'aci-helloworld:v1' -VaultName $vault
        }
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Stop-AcrGeoEmulator
            Remove-Module -Name AcrGeo -Force
        }
    }

    Context 'The image' {
        BeforeAll {
            $registry = New-TestResourceName -Prefix 'contoso'
            $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus
        }

        It 'imports the hello-world image without Docker and lists it' {
            $image = Import-AcrImage -Registry $registry -Source 'mcr.microsoft.com/azuredocs/aci-helloworld:latest' -Image 'aci-helloworld:v1'
            $image.Reference | Should -Be "$registry.azurecr.io/aci-helloworld:v1"

            $listed = @(Get-AcrImage -Registry $registry)
            $listed.Count | Should -Be 1
            $listed[0].Repository | Should -Be 'aci-helloworld'
            $listed[0].Digest | Should -Match '^sha256:'
        }
    }

    Context 'Deploying' {
        BeforeAll {
            $registry = New-DeployableRegistry
        }

        It 'deploys in one pipeline from New-AcrPullPrincipal and hands back the FQDN' {
            $group = New-AcrPullPrincipal -Registry $registry -VaultName $vault |
                New-AcrContainerInstance -Name 'aci-demo' -Image 'aci-helloworld:v1'

            $group.State | Should -Be 'Running'
            $group.Fqdn | Should -Match '^aci-demo-[0-9a-f]{6}\.westus\.azurecontainer\.io$'
            $group.Image | Should -Be "$registry.azurecr.io/aci-helloworld:v1"
            $script:group = $group
        }

        It 'lists the group and shows its log' {
            (Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-demo').Fqdn | Should -Be $script:group.Fqdn
            Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-demo' | Get-AcrContainerInstanceLog |
                Should -Not -BeNullOrEmpty
        }

        It 'creates nothing with -WhatIf' {
            New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-whatif' -Image 'aci-helloworld:v1' -VaultName $vault -WhatIf
            @(Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-whatif*').Count | Should -Be 0
        }
    }

    Context 'Failures told apart before anything is created' {
        BeforeAll {
            $registry = New-DeployableRegistry -PullPrincipal
        }

        It 'a tag the registry does not have' {
            { New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-notag' -Image 'aci-helloworld:v9' -VaultName $vault } |
                Should -Throw -ErrorId 'AcrGeo.ImageNotFound,AcrGeo.Commands.NewAcrContainerInstanceCommand'
        }

        It 'credentials that do not sign in' {
            $wrong = [pscredential]::new((Get-AcrPullCredential -Registry $registry -VaultName $vault).UserName,
                (ConvertTo-SecureString 'not-the-password' -AsPlainText -Force))
            { New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-badpwd' -Image 'aci-helloworld:v1' -Credential $wrong } |
                Should -Throw -ErrorId 'AcrGeo.RegistryCredentialRejected,AcrGeo.Commands.NewAcrContainerInstanceCommand'
        }

        It 'no credentials for a private image' {
            { New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'aci-nocred' -Image 'aci-helloworld:v1' } |
                Should -Throw -ErrorId 'AcrGeo.RegistryCredentialRequired,AcrGeo.Commands.NewAcrContainerInstanceCommand'
        }

        It 'a bad container group name, by parameter validation or the engine' {
            { New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'Bad_Name' -Image 'aci-helloworld:v1' -VaultName $vault } |
                Should -Throw -ErrorId 'AcrGeo.InvalidContainerGroup,AcrGeo.Commands.NewAcrContainerInstanceCommand'
        }

        It 'created none of the refused groups' {
            $refused = 'aci-notag', 'aci-badpwd', 'aci-nocred', 'Bad_Name'
            @(Get-AcrContainerInstance -ResourceGroupName $resourceGroup | Where-Object Name -In $refused).Name | Should -BeNullOrEmpty
        }
    }

    Context 'The template path' {
        BeforeAll {
            $registry = New-DeployableRegistry -PullPrincipal
            $null = New-DeployedGroup -Registry $registry -Name 'aci-template'
            $exportFolder = Join-Path $TestDrive 'export'
        }

        It 'exports a template and a parameters file that reference the vault and hold no password' {
            $files = @(Export-AcrContainerInstanceTemplate -ResourceGroupName $resourceGroup -Name 'aci-template' -VaultName $vault -Path $exportFolder)
            $files.Count | Should -Be 2
            $password = (Get-AcrPullCredential -Registry $registry -VaultName $vault).GetNetworkCredential().Password
            $parameters = Get-Content -LiteralPath (Join-Path $exportFolder 'aci-template.parameters.json') -Raw
            $template = Get-Content -LiteralPath (Join-Path $exportFolder 'aci-template.template.json') -Raw

            $parameters.Contains($password) | Should -BeFalse
            $template.Contains($password) | Should -BeFalse
            ($parameters | ConvertFrom-Json).parameters.registryPassword.reference.secretName | Should -Be "$registry-pull-pwd"
        }
    }

    Context 'Clean-up' {
        BeforeAll {
            $registry = New-DeployableRegistry -PullPrincipal
            $null = New-DeployedGroup -Registry $registry -Name 'aci-cleanup'
        }

        It 'removes the group' {
            Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-cleanup' | Remove-AcrContainerInstance -Confirm:$false
            @(Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-cleanup*').Count | Should -Be 0
        }
    }
}
