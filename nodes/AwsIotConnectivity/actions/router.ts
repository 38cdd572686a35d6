/** Sends the execution to the chosen operation's file: one file per operation, as in n8n's Postgres v2. */
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import * as getManagedThingConnectivity from './getManagedThingConnectivity.operation';
import * as getThingConnectivity from './getThingConnectivity.operation';
import * as searchConnectivity from './searchConnectivity.operation';

export const operations = {
	getThingConnectivity,
	getManagedThingConnectivity,
	searchConnectivity,
} as const;

export type OperationName = keyof typeof operations;

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const operation = this.getNodeParameter('operation', 0) as string;
	if (!Object.hasOwn(operations, operation)) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not supported by this node version.`, {
			description: `Choose one of: ${Object.keys(operations).join(', ')}.`,
		});
	}
	return await operations[operation as OperationName].execute.call(this);
}
