/**
 * A hand-made IExecuteFunctions with just what our nodes call. It stands in for n8n's engine in
 * fast tests; the real engine runs the same node in the e2e suite.
 */
import type { ICredentialDataDecryptedObject, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

export type ItemParameters = Record<string, unknown>;

export interface ExecuteContextOptions {
	/** Node parameters; a function gives per-item values (as n8n expressions would). */
	parameters: ItemParameters | ((itemIndex: number) => ItemParameters);
	items?: IDataObject[];
	credentials?: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	nodeType?: string;
}

function valueAtPath(source: ItemParameters, path: string): unknown {
	return path.split('.').reduce<unknown>((value, key) => {
		if (value === undefined || value === null || typeof value !== 'object') return undefined;
		return (value as Record<string, unknown>)[key];
	}, source);
}

export function createExecuteContext(options: ExecuteContextOptions): IExecuteFunctions {
	const items: INodeExecutionData[] = (options.items ?? [{}]).map((json) => ({ json }));
	const parametersFor = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const node: INode = {
		id: 'test-node',
		name: 'AWS IoT Connectivity',
		type: options.nodeType ?? 'n8n-nodes-aws-iot-connectivity.awsIotConnectivity',
		typeVersion: 1,
		position: [0, 0],
		parameters: parametersFor(0) as INode['parameters'],
	};
	const context = {
		getInputData: () => items,
		getNode: () => node,
		continueOnFail: () => options.continueOnFail === true,
		getCredentials: async (type: string) => {
			if (!options.credentials) throw new Error(`No credentials of type ${type} in this test`);
			return options.credentials;
		},
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => {
			const value = valueAtPath(parametersFor(itemIndex), name);
			if (value !== undefined) return value;
			if (fallback !== undefined) return fallback;
			throw new Error(`Could not get parameter "${name}"`);
		},
	};
	return context as unknown as IExecuteFunctions;
}
