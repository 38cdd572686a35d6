/** Runs the action node's execute() with a test context; returns the items of its one output. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { AwsIotConnectivity } from '../../nodes/AwsIotConnectivity/AwsIotConnectivity.node';
import type { ExecuteContextOptions } from './executeContext';
import { createExecuteContext } from './executeContext';

export async function runActionNode(options: ExecuteContextOptions): Promise<INodeExecutionData[]> {
	const node = new AwsIotConnectivity();
	const [output] = await node.execute.call(createExecuteContext(options));
	return output;
}

export const jsonOf = (items: INodeExecutionData[]): IDataObject[] => items.map((item) => item.json);
