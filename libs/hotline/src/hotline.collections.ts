/** Collections in the URL (`/api/v1/<collection>`) and stream categories (`<category>-<id>`) of the context. */
export const HOTLINE_CALLS = 'hotline-calls';
export const HOTLINE_CALL_STREAM = 'hotlinecall';
export const WORK_ORDERS = 'work-orders';
export const WORK_ORDER_STREAM = 'workorder';
