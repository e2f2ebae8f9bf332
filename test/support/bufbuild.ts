// A @bufbuild/protobuf registry built at run time from .proto text (no code generation), which Confluent's
// Protobuf serializer needs: protobufjs parses the text and writes a FileDescriptorSet that bufbuild reads.

import { createFileRegistry, createMutableRegistry, fromBinary } from '@bufbuild/protobuf'
import type { MutableRegistry } from '@bufbuild/protobuf'
import { FileDescriptorSetSchema } from '@bufbuild/protobuf/wkt'
import protobuf from 'protobufjs'
import descriptor from 'protobufjs/ext/descriptor.js'

/** The registry of one .proto file, named `fileName`, with one package. */
export function bufbuildRegistry(protoText: string, fileName: string): MutableRegistry {
  const root = protobuf.parse(protoText, { keepCase: true }).root
  root.resolveAll()
  const set = (root as any).toDescriptor('proto3')
  const file = set.file[0]
  file.name = fileName
  const packageName: string | undefined = file.package || undefined
  const scope = packageName === undefined ? root : root.lookup(packageName)
  qualifyTypeNames(file.messageType, scope as protobuf.Namespace)
  const bytes = (descriptor as any).FileDescriptorSet.encode(set).finish()
  return createMutableRegistry(createFileRegistry(fromBinary(FileDescriptorSetSchema, bytes)))
}

/** protobufjs writes field type names relative to their message; @bufbuild/protobuf wants them fully qualified. */
function qualifyTypeNames(messages: any[], scope: protobuf.Namespace): void {
  for (const m of messages) {
    if (m.options?.mapEntry) continue // synthetic map entries have scalar or already-qualified types
    const type = scope.lookupType(m.name)
    for (const f of m.field) {
      const field = type.fields[f.name]
      // A map field points at its synthetic entry message, nested in this message.
      if (field?.map) f.typeName = `${type.fullName}.${f.typeName}`
      else if (field?.resolvedType) f.typeName = field.resolvedType.fullName
    }
    qualifyTypeNames(m.nestedType ?? [], type)
  }
}

/** A shop schema with what interop tests need: two top-level messages, nested ones (non-zero message
 * indexes), an enum, a map, a repeated message and a oneof. */
export const SHOP_PROTO = `syntax = "proto3";
package shop;

message Money {
  string currency = 1;
  int64 cents = 2;
}

message Order {
  enum Status {
    NEW = 0;
    PAID = 1;
  }
  message Line {
    message Discount {
      int32 percent = 1;
    }
    string sku = 1;
    int32 qty = 2;
    Discount discount = 3;
  }
  string id = 1;
  Money total = 2;
  repeated Line lines = 3;
  map<string, string> labels = 4;
  Status status = 5;
  oneof payment {
    string card = 6;
    string iban = 7;
  }
}
`
