"""Makes compare/pi5-xnnpack/ from report/fixtures/sample/ (see compare/README.md)."""
import json

SCALE = {'1': 0.55, '8': 0.9, '32': 1.0}


def scaled(value, factor):
    return value * factor if isinstance(value, (int, float)) else value


results = json.load(open('report/fixtures/sample/jmh.json'))
for entry in results:
    factor = SCALE[entry['params']['batchSize']]
    entry['params']['provider'] = 'XNNPACK'
    metrics = [entry['primaryMetric']] + [m for name, m in entry['secondaryMetrics'].items() if name.startswith('p')]
    for m in metrics:
        m['score'] = scaled(m['score'], factor)
        m['scoreError'] = scaled(m['scoreError'], factor)
        m['scoreConfidence'] = [scaled(v, factor) for v in m['scoreConfidence']]
        m['scorePercentiles'] = {k: scaled(v, factor) for k, v in m['scorePercentiles'].items()}
        if 'rawDataHistogram' in m:
            m['rawDataHistogram'] = [[[[v * factor, c] for v, c in it] for it in fork] for fork in m['rawDataHistogram']]
        if 'rawData' in m:
            m['rawData'] = [[v * factor for v in fork] for fork in m['rawData']]
json.dump(results, open('compare/pi5-xnnpack/jmh.json', 'w'), separators=(',', ':'))

env = json.load(open('report/fixtures/sample/env.json'))
env['label'] = 'pi5-xnnpack'
env['onnxRuntime']['nativePath'] = '/opt/onnxruntime-xnnpack/lib'
env['onnxRuntime']['availableProviders'] = ['CPU', 'XNNPACK']
env['machine'].update({'arch': 'aarch64', 'cpuModel': 'Cortex-A76', 'cores': 4,
                       'deviceModel': 'Raspberry Pi 5 Model B Rev 1.0', 'hostname': 'pi5'})
env['providers'] = {'requested': ['XNNPACK'], 'run': ['XNNPACK'], 'skipped': []}
json.dump(env, open('compare/pi5-xnnpack/env.json', 'w'), indent=2)
