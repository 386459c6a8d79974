// Azure Front Door (Standard) in front of the UIs' static websites, for the response headers a Blob static
// website cannot send. Each page carries its own Content-Security-Policy in a meta tag (web/<ui>/index.html,
// completed at upload with the API and identity origins), but browsers ignore `frame-ancestors` in a meta
// policy: refusing to be framed (clickjacking) takes a response header. The rule set below adds exactly the
// headers of SITE_SECURITY_HEADERS (shared/platform/static-site/site-headers.ts), which the local gateway
// sends too; bicep/ui-front-door.test.ts checks that the two lists agree.
//
// One profile per deployment, one endpoint per UI (its own origin, as each UI expects), the static website
// as the only origin. The static website endpoint itself stays reachable (Blob static websites cannot be
// restricted to Front Door); register the Front Door URLs as the UIs' sign-in redirect URIs so users use
// those. Cost: the Standard profile's base fee plus traffic; main.bicep / client.bicep switch it with a param.

@description('Profile name (globally unique endpoint names are derived from it).')
param profileName string

@description('UIs to serve: [{ name, url }] with url the static website endpoint (https://<account>.z<n>.web.core.windows.net/).')
param sites array

@description('Tags applied to every resource.')
param tags object

resource profile 'Microsoft.Cdn/profiles@2024-02-01' = {
  name: profileName
  location: 'global'
  tags: tags
  sku: {
    name: 'Standard_AzureFrontDoor'
  }
}

resource securityHeaders 'Microsoft.Cdn/profiles/ruleSets@2024-02-01' = {
  parent: profile
  name: 'uisecurityheaders'
}

resource addSecurityHeaders 'Microsoft.Cdn/profiles/ruleSets/rules@2024-02-01' = {
  parent: securityHeaders
  name: 'addsecurityheaders'
  properties: {
    order: 1
    conditions: []
    matchProcessingBehavior: 'Continue'
    actions: [
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Content-Security-Policy'
          value: 'frame-ancestors \'none\'; base-uri \'self\'; object-src \'none\''
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'X-Frame-Options'
          value: 'DENY'
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'X-Content-Type-Options'
          value: 'nosniff'
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Referrer-Policy'
          value: 'strict-origin-when-cross-origin'
        }
      }
      {
        name: 'ModifyResponseHeader'
        parameters: {
          typeName: 'DeliveryRuleHeaderActionParameters'
          headerAction: 'Overwrite'
          headerName: 'Strict-Transport-Security'
          value: 'max-age=31536000; includeSubDomains'
        }
      }
    ]
  }
}

resource endpoints 'Microsoft.Cdn/profiles/afdEndpoints@2024-02-01' = [
  for site in sites: {
    parent: profile
    name: '${profileName}-${site.name}'
    location: 'global'
    tags: tags
    properties: {
      enabledState: 'Enabled'
    }
  }
]

resource originGroups 'Microsoft.Cdn/profiles/originGroups@2024-02-01' = [
  for site in sites: {
    parent: profile
    name: 'og-${site.name}'
    properties: {
      loadBalancingSettings: {
        sampleSize: 4
        successfulSamplesRequired: 3
        additionalLatencyInMilliseconds: 50
      }
      healthProbeSettings: {
        probePath: '/index.html'
        probeRequestType: 'HEAD'
        probeProtocol: 'Https'
        probeIntervalInSeconds: 240
      }
    }
  }
]

resource origins 'Microsoft.Cdn/profiles/originGroups/origins@2024-02-01' = [
  for (site, i) in sites: {
    parent: originGroups[i]
    name: 'static-website'
    properties: {
      // https://<account>.z<n>.web.core.windows.net/ -> <account>.z<n>.web.core.windows.net
      hostName: replace(replace(site.url, 'https://', ''), '/', '')
      originHostHeader: replace(replace(site.url, 'https://', ''), '/', '')
      httpPort: 80
      httpsPort: 443
      priority: 1
      weight: 1000
      enabledState: 'Enabled'
      enforceCertificateNameCheck: true
    }
  }
]

resource routes 'Microsoft.Cdn/profiles/afdEndpoints/routes@2024-02-01' = [
  for (site, i) in sites: {
    parent: endpoints[i]
    name: 'route-${site.name}'
    dependsOn: [
      origins[i]
      addSecurityHeaders
    ]
    properties: {
      originGroup: {
        id: originGroups[i].id
      }
      ruleSets: [
        {
          id: securityHeaders.id
        }
      ]
      supportedProtocols: [
        'Http'
        'Https'
      ]
      patternsToMatch: [
        '/*'
      ]
      forwardingProtocol: 'HttpsOnly'
      httpsRedirect: 'Enabled'
      linkToDefaultDomain: 'Enabled'
      enabledState: 'Enabled'
    }
  }
]

// Same order as `sites`.
output urls array = [for (site, i) in sites: 'https://${endpoints[i].properties.hostName}/']
output origins array = [for (site, i) in sites: 'https://${endpoints[i].properties.hostName}']
