# Pester 5/6 tests of the staged module (out/OciMirror). Run by build.ps1 -Task Test in a fresh
# pwsh / powershell.exe process, because a binary module cannot be unloaded.

BeforeAll {
    $script:manifestPath = Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1'
    Import-Module -Name $script:manifestPath -Force -ErrorAction Stop
}

AfterAll {
    Remove-Module -Name OciMirror -ErrorAction SilentlyContinue
}

Describe 'OciMirror module' -Tag 'Unit' {
    It 'has a valid manifest' {
        $info = Test-ModuleManifest -Path $script:manifestPath -ErrorAction Stop
        $info.Name | Should -Be 'OciMirror'
        $info.CompatiblePSEditions | Should -Contain 'Desktop'
        $info.CompatiblePSEditions | Should -Contain 'Core'
    }

    It 'exports exactly the cmdlets listed in the manifest' {
        $commands = @(Get-Command -Module OciMirror | Sort-Object -Property Name)
        $commands.Name | Should -Be @('Copy-OciArtifact', 'Export-OciArtifact', 'Get-OciBundle', 'Get-OciTag', 'Import-OciArtifact', 'New-OciIndex', 'Publish-OciArtifact', 'Save-OciArtifact', 'Sync-OciRegistry', 'Test-OciBundle')
        $commands | ForEach-Object { $_.CommandType | Should -Be 'Cmdlet' }
        (Get-Module -Name OciMirror).ExportedAliases.Count | Should -Be 0
        (Get-Module -Name OciMirror).ExportedFunctions.Count | Should -Be 0
    }

    It 'has table views for its output types' {
        Get-FormatData -TypeName 'OciMirror.PowerShell.OciArtifactInfo' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'OciMirror.PowerShell.OciTagInfo' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'OciMirror.PowerShell.OciBundleArtifactInfo' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'OciMirror.PowerShell.OciBundleCheck' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'OciMirror.PowerShell.OciBundleBlobProblem' | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'OciMirror.PowerShell.OciPulledFile' | Should -Not -BeNullOrEmpty
    }

    It 'does not bind the Export -Path from the pipeline (Get-Content lines carry PSPath)' {
        $path = (Get-Command -Name Export-OciArtifact).Parameters['Path']
        $path.Aliases | Should -Not -Contain 'PSPath'
        foreach ($attribute in $path.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }) {
            $attribute.ValueFromPipeline | Should -BeFalse
            $attribute.ValueFromPipelineByPropertyName | Should -BeFalse
        }
    }
}

Describe 'Export-OciArtifact without a registry' -Tag 'Unit' {
    BeforeEach {
        $bundle = Join-Path -Path $TestDrive -ChildPath ('bundle-' + [guid]::NewGuid().ToString('N'))
    }

    It 'reports a bad reference as a non-terminating error and still processes the next one' {
        $output = Export-OciArtifact -Reference 'Not A Ref!', 'also//bad' -Path $bundle -ErrorAction SilentlyContinue -ErrorVariable err
        $output | Should -BeNullOrEmpty
        $err.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -Be 'OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be 'Not A Ref!'
        $err[0].ErrorDetails.RecommendedAction | Should -Not -BeNullOrEmpty
        $err[1].TargetObject | Should -Be 'also//bad'
    }

    It 'throws with -ErrorAction Stop' {
        { Export-OciArtifact -Reference 'Not A Ref!' -Path $bundle -ErrorAction Stop } |
            Should -Throw -ErrorId 'OciInvalidReference,OciMirror.PowerShell.Commands.ExportOciArtifactCommand'
    }

    It 'ignores blank lines and # comments of a piped file' {
        $refs = Join-Path -Path $TestDrive -ChildPath 'refs.txt'
        Set-Content -LiteralPath $refs -Value @('', '# a comment', '   ', '  # indented comment', 'Not A Ref!')
        $null = Get-Content -LiteralPath $refs | Export-OciArtifact -Path $bundle -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].TargetObject | Should -Be 'Not A Ref!'
    }

    It 'binds the Reference property of piped objects' {
        $null = [pscustomobject]@{ Reference = 'Not A Ref!' } | Export-OciArtifact -Path $bundle -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].TargetObject | Should -Be 'Not A Ref!'
    }

    It 'refuses -Path mirror.zip (an archive format it does not write) instead of making a directory of that name' {
        $zip = Join-Path -Path $TestDrive -ChildPath 'mirror.zip'
        { Export-OciArtifact -Reference 'localhost:1/alpine:3.20' -Path $zip } |
            Should -Throw -ErrorId 'OciInvalidDestination,OciMirror.PowerShell.Commands.ExportOciArtifactCommand'
        Test-Path -LiteralPath $zip | Should -BeFalse
    }
}

Describe 'Import-OciArtifact without a registry' -Tag 'Unit' {
    It 'stops with OciInvalidDestination for a destination with a scheme' {
        { Import-OciArtifact -Path $TestDrive -Destination 'https://registry.example.com' } |
            Should -Throw -ErrorId 'OciInvalidDestination,OciMirror.PowerShell.Commands.ImportOciArtifactCommand'
    }

    It 'reports a missing bundle as a non-terminating error' {
        $missing = Join-Path -Path $TestDrive -ChildPath 'no-such-bundle'
        Import-OciArtifact -Path $missing -Destination 'localhost:1' -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'OciPathNotFound,OciMirror.PowerShell.Commands.ImportOciArtifactCommand'
    }

    It 'stops with OciInvalidLayout for a directory that is not a bundle' {
        $empty = New-Item -Path (Join-Path -Path $TestDrive -ChildPath 'empty') -ItemType Directory -Force
        { Import-OciArtifact -Path $empty.FullName -Destination 'localhost:1' } |
            Should -Throw -ErrorId 'OciInvalidLayout,OciMirror.PowerShell.Commands.ImportOciArtifactCommand'
    }
}

Describe 'Get-OciTag without a registry' -Tag 'Unit' {
    It 'reports an invalid repository as a non-terminating error' {
        $null = Get-OciTag -Repository 'Not Valid!' -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'OciInvalidReference,OciMirror.PowerShell.Commands.GetOciTagCommand'
        $err[0].TargetObject | Should -Be 'Not Valid!'
    }
}

Describe 'Help of every exported cmdlet (MAML built from docs/en-US)' -Tag 'Unit' {
    BeforeDiscovery {
        $manifest = Import-PowerShellDataFile -Path (Join-Path -Path $PSScriptRoot -ChildPath '../../out/OciMirror/OciMirror.psd1')
        $cmdlets = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
    }

    BeforeAll {
        $helpFile = Join-Path -Path (Split-Path -Path $script:manifestPath) -ChildPath 'en-US/OciMirror.PowerShell.dll-Help.xml'
        $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    }

    It 'ships en-US/OciMirror.PowerShell.dll-Help.xml in the staged module' {
        Test-Path -LiteralPath $helpFile -PathType Leaf | Should -BeTrue
    }

    It '<Name> has a synopsis, a description and at least two examples' -ForEach $cmdlets {
        $help = Get-Help -Name $Name -Full
        # Without MAML, Get-Help makes the synopsis up from the syntax.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match ([regex]::Escape($Name) + '\s+\[')
        ($help.description.Text -join '') | Should -Not -BeNullOrEmpty
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.examples.example) {
            $example.code | Should -Not -BeNullOrEmpty
        }
    }

    It '<Name> describes every parameter it has' -ForEach $cmdlets {
        $help = Get-Help -Name $Name -Full
        $documented = @{}
        foreach ($parameter in $help.parameters.parameter) {
            $documented[$parameter.name] = ($parameter.description.Text -join '').Trim()
        }

        $names = (Get-Command -Name $Name).Parameters.Keys | Where-Object { $commonParameters -notcontains $_ }
        foreach ($parameterName in $names) {
            $documented.ContainsKey($parameterName) | Should -BeTrue -Because "-$parameterName of $Name needs help"
            $documented[$parameterName] | Should -Not -BeNullOrEmpty -Because "-$parameterName of $Name needs a description"
        }
    }
}
