# The source document's deployment (004): import the image without Docker, make the pull principal, and deploy a
# container group from the registry with its credentials, in one pipeline; then the failures the module tells apart
# before anything is created, the template export without a password, and clean-up. Contexts build on each other.

Describe 'Deploying from the registry to Azure Container Instances' {
    BeforeAll {
        . (Join-Path $PSScriptRoot 'Common.ps1')
        Import-Module (Get-AcrGeoModulePath) -Force
        $ProgressPreference = 'SilentlyContinue'

        $emulator = Start-AcrGeoEmulator -ProvisioningDelaySeconds 1 -SyncDelaySeconds 1
        $null = Connect-AcrGeo -Emulator -EmulatorDataDirectory $emulator.DataDirectory -PollIntervalSeconds 0.2
        $resourceGroup = 'rg-acrgeo-aci'
        $registry = New-TestResourceName -Prefix 'contoso'
        $vault = New-TestResourceName -Prefix 'kv-aci-'
        $null = New-AcrRegistry -Name $registry -ResourceGroupName $resourceGroup -Location westus -CreateResourceGroup
        $null = New-AcrKeyVault -Name $vault -ResourceGroupName $resourceGroup -Location westus
        $exportFolder = Join-Path $emulator.DataDirectory 'export'
    }

    AfterAll {
        if (Get-Module -Name AcrGeo) {
            Disconnect-AcrGeo
            Remove-Module -Name AcrGeo -Force
        }
        if ($emulator) { Stop-AcrGeoEmulator -Emulator $emulator }
    }

    Context 'The image' {
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

        It 'a bad container group name, by the engine before any request' {
            { New-AcrContainerInstance -Registry $registry -ResourceGroupName $resourceGroup -Name 'Bad_Name' -Image 'aci-helloworld:v1' -VaultName $vault } |
                Should -Throw -ErrorId 'AcrGeo.InvalidContainerGroupName,AcrGeo.Commands.NewAcrContainerInstanceCommand'
            @(Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-*' | Where-Object Name -ne 'aci-demo').Count | Should -Be 0
        }
    }

    Context 'The template path' {
        It 'exports a template and a parameters file that reference the vault and hold no password' {
            $files = @(Export-AcrContainerInstanceTemplate -ResourceGroupName $resourceGroup -Name 'aci-demo' -VaultName $vault -Path $exportFolder)
            $files.Count | Should -Be 2
            $password = (Get-AcrPullCredential -Registry $registry -VaultName $vault).GetNetworkCredential().Password
            $parameters = Get-Content -LiteralPath (Join-Path $exportFolder 'aci-demo.parameters.json') -Raw
            $template = Get-Content -LiteralPath (Join-Path $exportFolder 'aci-demo.template.json') -Raw

            $parameters.Contains($password) | Should -BeFalse
            $template.Contains($password) | Should -BeFalse
            ($parameters | ConvertFrom-Json).parameters.registryPassword.reference.secretName | Should -Be "$registry-pull-pwd"
        }
    }

    Context 'Clean-up' {
        It 'removes the group' {
            Get-AcrContainerInstance -ResourceGroupName $resourceGroup -Name 'aci-demo' | Remove-AcrContainerInstance -Confirm:$false
            @(Get-AcrContainerInstance -ResourceGroupName $resourceGroup).Count | Should -Be 0
        }
    }
}
