import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * Where the channels of a rank-4 value sit. Keras (TF.js) is channels-last; ONNX's Conv, pooling
 * and BatchNormalization are channels-first, so a value is kept in whichever layout its producer
 * wrote and transposed only where a consumer needs the other one. Values of any other rank are
 * always in their Keras layout ('nhwc' then simply means "as Keras has it").
 */
export type Layout = 'nhwc' | 'nchw';

/** A value of the ONNX graph: its name, its Keras shape (batch first, null = dynamic) and its layout. */
export interface OnnxValue {
  readonly name: string;
  readonly shape: readonly (number | null)[];
  readonly layout: Layout;
}

export type Attribute = Onnx.IAttributeProto;

export const intAttribute = (name: string, i: number): Attribute => ({
  name,
  type: onnx.AttributeProto.AttributeType.INT,
  i,
});
export const intsAttribute = (name: string, ints: readonly number[]): Attribute => ({
  name,
  type: onnx.AttributeProto.AttributeType.INTS,
  ints: [...ints],
});
export const floatAttribute = (name: string, f: number): Attribute => ({
  name,
  type: onnx.AttributeProto.AttributeType.FLOAT,
  f,
});

const nhwcToNchw = [0, 3, 1, 2] as const;
const nchwToNhwc = [0, 2, 3, 1] as const;

/** Little-endian bytes, as ONNX's `raw_data` requires whatever the host's byte order. */
function floatBytes(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setFloat32(i * 4, value, true));
  return bytes;
}

function int64Bytes(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  values.forEach((value, i) => view.setBigInt64(i * 8, BigInt(value), true));
  return bytes;
}

function valueInfo(name: string, shape: readonly (number | null)[]): Onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: shape.map((size, axis) =>
            size === null ? { dimParam: axis === 0 ? 'batch' : `dim${axis}` } : { dimValue: size },
          ),
        },
      },
    },
  };
}

/**
 * An ONNX graph under construction: nodes, weights (initializers), graph inputs and outputs, with
 * unique value names and cached layout transposes (a value transposed for two consumers is
 * transposed once).
 */
export class OnnxGraph {
  readonly nodes: Onnx.INodeProto[] = [];
  readonly initializers: Onnx.ITensorProto[] = [];
  readonly inputs: Onnx.IValueInfoProto[] = [];
  readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly names = new Set<string>();
  private readonly transposed = new Map<string, OnnxValue>();

  /** `base`, or `base_2`, `base_3`… when taken. ONNX names must be unique across the graph. */
  uniqueName(base: string): string {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}_${n}`;
    this.names.add(name);
    return name;
  }

  addInput(base: string, shape: readonly (number | null)[]): OnnxValue {
    const name = this.uniqueName(base);
    this.inputs.push(valueInfo(name, shape));
    return { name, shape, layout: 'nhwc' };
  }

  /**
   * Declares `value` (in Keras layout) as the graph output `name`, a name taken with `uniqueName`
   * before the walk so that no layer value claims it first.
   */
  addOutput(name: string, value: OnnxValue): void {
    const natural = this.toNhwc(value);
    this.nodes.push({ opType: 'Identity', input: [natural.name], output: [name], name });
    this.outputs.push(valueInfo(name, value.shape));
  }

  floatInitializer(base: string, dims: readonly number[], values: Float32Array): string {
    const name = this.uniqueName(base);
    this.initializers.push({
      name,
      dims: [...dims],
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: floatBytes(values),
    });
    return name;
  }

  int64Initializer(base: string, values: readonly number[]): string {
    const name = this.uniqueName(base);
    this.initializers.push({
      name,
      dims: [values.length],
      dataType: onnx.TensorProto.DataType.INT64,
      rawData: int64Bytes(values),
    });
    return name;
  }

  /** Adds one node with a single output named after `base`; returns the output's name. */
  node(opType: string, inputs: readonly string[], base: string, attribute: Attribute[] = []): string {
    const output = this.uniqueName(base);
    this.nodes.push({ opType, input: [...inputs], output: [output], name: output, attribute });
    return output;
  }

  /** The value in channels-first layout (a no-op unless it is a rank-4 channels-last value). */
  toNchw(value: OnnxValue): OnnxValue {
    if (value.shape.length !== 4 || value.layout === 'nchw') return value;
    return this.transpose(value, 'nchw', nhwcToNchw);
  }

  /** The value in Keras (channels-last) layout. */
  toNhwc(value: OnnxValue): OnnxValue {
    if (value.layout === 'nhwc') return value;
    return this.transpose(value, 'nhwc', nchwToNhwc);
  }

  private transpose(value: OnnxValue, layout: Layout, perm: readonly number[]): OnnxValue {
    const key = `${value.name}->${layout}`;
    const cached = this.transposed.get(key);
    if (cached) return cached;
    const name = this.node('Transpose', [value.name], `${value.name}_${layout}`, [
      intsAttribute('perm', perm),
    ]);
    const result: OnnxValue = { name, shape: value.shape, layout };
    this.transposed.set(key, result);
    return result;
  }
}
