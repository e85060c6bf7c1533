#include "scenario/config_tree.hpp"

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace povsim {

ConfigNode::ConfigNode() = default;
ConfigNode::ConfigNode(const ConfigNode&) = default;
ConfigNode::ConfigNode(ConfigNode&&) noexcept = default;
ConfigNode& ConfigNode::operator=(const ConfigNode&) = default;
ConfigNode& ConfigNode::operator=(ConfigNode&&) noexcept = default;
ConfigNode::~ConfigNode() = default;

const ConfigNode* ConfigNode::find(std::string_view key) const {
  for (const auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

ConfigNode* ConfigNode::find(std::string_view key) {
  for (auto& [k, v] : map)
    if (k == key) return &v;
  return nullptr;
}

bool ConfigNode::erase(std::string_view key) {
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (it->first == key) {
      map.erase(it);
      return true;
    }
  }
  return false;
}

std::string ConfigNode::describe() const {
  switch (kind) {
    case Kind::kNull:
      return "nothing";
    case Kind::kScalar:
      return "\"" + scalar + "\"";
    case Kind::kMap:
      return "a mapping";
    case Kind::kSequence:
      return "a list";
  }
  return "?";
}

namespace {

Origin origin_of(const YAML::Mark& mark, const std::string& file, int column_offset) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1 + column_offset};
}

ConfigNode convert(const YAML::Node& node, const std::string& file, Diagnostics& diags,
                   int column_offset) {
  ConfigNode out;
  out.origin = origin_of(node.Mark(), file, column_offset);
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = ConfigNode::Kind::kNull;
      break;
    case YAML::NodeType::Scalar:
      out.kind = ConfigNode::Kind::kScalar;
      out.scalar = node.Scalar();
      break;
    case YAML::NodeType::Sequence:
      out.kind = ConfigNode::Kind::kSequence;
      for (const auto& item : node) out.seq.push_back(convert(item, file, diags, column_offset));
      break;
    case YAML::NodeType::Map: {
      out.kind = ConfigNode::Kind::kMap;
      std::set<std::string> seen;
      for (const auto& kv : node) {
        const Origin key_origin = origin_of(kv.first.Mark(), file, column_offset);
        if (!kv.first.IsScalar()) {
          diags.error(key_origin, "", "expected a plain key, found a complex key");
          continue;
        }
        const std::string key = kv.first.Scalar();
        if (!seen.insert(key).second) {
          diags.error(key_origin, key, "duplicate key (each key may appear once in a mapping)");
          continue;
        }
        ConfigNode value = convert(kv.second, file, diags, column_offset);
        // A key with no value has no place of its own (yaml-cpp marks the token after it, often
        // on the next line); point at the key instead.
        if (value.origin.line == 0 || value.kind == ConfigNode::Kind::kNull)
          value.origin = key_origin;
        value.key_origin = key_origin;
        out.map.emplace_back(key, std::move(value));
      }
      break;
    }
  }
  return out;
}

}  // namespace

ConfigNode parse_yaml_text(const std::string& text, const std::string& origin_name,
                           Diagnostics& diags, int column_offset) {
  try {
    const YAML::Node root = YAML::Load(text);
    return convert(root, origin_name, diags, column_offset);
  } catch (const YAML::Exception& e) {
    diags.error(origin_of(e.mark, origin_name, column_offset), "", "YAML syntax error: " + e.msg);
  }
  return {};
}

bool input_exists(const std::filesystem::path& file, const FileReader& read) {
  return read ? read(file).has_value() : std::filesystem::exists(file);
}

ConfigNode load_yaml_file(const std::filesystem::path& file, Diagnostics& diags,
                          const FileReader& read) {
  const std::string name = file.string();
  std::string text;
  if (read) {
    std::optional<std::string> served = read(file);
    if (!served) {
      diags.error({name, 0, 0}, "", "cannot open file (does it exist and is it readable?)");
      return {};
    }
    text = std::move(*served);
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
      diags.error({name, 0, 0}, "", "cannot open file (does it exist and is it readable?)");
      return {};
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  const std::size_t before = diags.items().size();
  ConfigNode root = parse_yaml_text(text, name, diags);
  if (diags.items().size() == before && root.kind == ConfigNode::Kind::kNull)
    diags.error({name, 1, 1}, "", "expected a mapping of scenario keys, found an empty document");
  return root;
}

void merge_into(ConfigNode& base, const ConfigNode& over) {
  if (base.is_map() && over.is_map()) {
    for (const auto& [key, value] : over.map) {
      if (ConfigNode* existing = base.find(key)) {
        merge_into(*existing, value);
      } else {
        base.map.emplace_back(key, value);
      }
    }
    return;
  }
  base = over;
}

std::vector<std::string> split_path(const std::string& dotted) {
  std::vector<std::string> parts;
  std::string current;
  for (char c : dotted) {
    if (c == '.') {
      parts.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  parts.push_back(current);
  return parts;
}

bool set_path(ConfigNode& root, const std::string& dotted, ConfigNode value, const Origin& origin,
              Diagnostics& diags) {
  const auto parts = split_path(dotted);
  ConfigNode* node = &root;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) {
      diags.error(origin, dotted, "expected a key path like a.b.c, found an empty segment");
      return false;
    }
    walked += (walked.empty() ? "" : ".") + part;
    const bool last = i + 1 == parts.size();
    if (node->is_seq()) {
      ConfigNode* next = nullptr;
      for (auto& item : node->seq) {
        const ConfigNode* name = item.is_map() ? item.find("name") : nullptr;
        if (name && name->is_scalar() && name->scalar == part) next = &item;
      }
      std::size_t index = 0;
      const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), index);
      // An index too large for size_t is simply not an element (std::stoul would throw).
      if (!next && ec == std::errc{} && end == part.data() + part.size() &&
          index < node->seq.size())
        next = &node->seq[index];
      if (!next) {
        diags.error(origin, walked,
                    "expected the name or index of a list element, found \"" + part + "\"");
        return false;
      }
      node = next;
    } else {
      if (node->kind == ConfigNode::Kind::kNull) {
        node->kind = ConfigNode::Kind::kMap;
        node->origin = origin;
      }
      if (!node->is_map()) {
        diags.error(origin, walked, "cannot descend into " + node->describe());
        return false;
      }
      ConfigNode* next = node->find(part);
      if (!next) {
        node->map.emplace_back(part, ConfigNode{});
        next = &node->map.back().second;
        next->origin = origin;
      }
      node = next;
    }
    if (last) {
      value.origin = origin;
      *node = std::move(value);
    }
  }
  return true;
}

namespace {
void write_canonical(const ConfigNode& node, std::string& out) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull:
      out += "null";
      break;
    case ConfigNode::Kind::kScalar:
      out += '"';
      for (char c : node.scalar) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += '"';
      break;
    case ConfigNode::Kind::kSequence:
      out += '[';
      for (std::size_t i = 0; i < node.seq.size(); ++i) {
        if (i) out += ',';
        write_canonical(node.seq[i], out);
      }
      out += ']';
      break;
    case ConfigNode::Kind::kMap:
      out += '{';
      for (std::size_t i = 0; i < node.map.size(); ++i) {
        if (i) out += ',';
        out += '"' + node.map[i].first + "\":";
        write_canonical(node.map[i].second, out);
      }
      out += '}';
      break;
  }
}
}  // namespace

std::string to_canonical_string(const ConfigNode& node) {
  std::string out;
  write_canonical(node, out);
  return out;
}

}  // namespace povsim
