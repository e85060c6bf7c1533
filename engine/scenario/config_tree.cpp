#include "scenario/config_tree.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <set>
#include <sstream>

#include "core/input_file.hpp"
#include "core/text.hpp"

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

/// Where flow collections (`[`, `{`) first nest deeper than kMaxYamlDepth, skipping quoted
/// text and comments; the start of the text if they never do.
TextPlace deepest_flow_place(const std::string& text) {
  int depth = 0;
  char quote = 0;
  bool comment = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') comment = false;
    if (comment) continue;
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\n')) comment = true;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (depth > kMaxYamlDepth) return place_of(text, i);
  }
  return {};
}

Origin origin_of(const YAML::Mark& mark, const std::string& file, int column_offset) {
  if (mark.is_null()) return {file, 0, 0};
  return {file, mark.line + 1, mark.column + 1 + column_offset};
}

ConfigNode convert(const YAML::Node& node, const std::string& file, Diagnostics& diags,
                   int column_offset, int depth = 0) {
  ConfigNode out;
  out.origin = origin_of(node.Mark(), file, column_offset);
  if (depth > kMaxYamlDepth) {
    diags.error(out.origin, "",
                "YAML nested deeper than " + std::to_string(kMaxYamlDepth) +
                    " levels (no povsim file needs more than a few): is the file generated?");
    return {};
  }
  const bool big = (node.IsSequence() || node.IsMap()) && node.size() > kMaxYamlListSize;
  if (big) {
    diags.error(out.origin, "",
                "expected at most " + std::to_string(kMaxYamlListSize) + " entries in a " +
                    (node.IsMap() ? "mapping" : "list") + ", found " + std::to_string(node.size()));
    return {};
  }
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
      for (const auto& item : node)
        out.seq.push_back(convert(item, file, diags, column_offset, depth + 1));
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
        ConfigNode value = convert(kv.second, file, diags, column_offset, depth + 1);
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

/// Where the root node of each document starts, from yaml-cpp's event parser.
class DocumentRoots : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> roots;

  void OnDocumentStart(const YAML::Mark& /*mark*/) override { in_root_ = true; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { node(mark); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t /*anchor*/) override { node(mark); }
  void OnScalar(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                const std::string& /*value*/) override {
    node(mark);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string& /*tag*/,
                       YAML::anchor_t /*anchor*/, YAML::EmitterStyle::value /*style*/) override {
    node(mark);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string& /*tag*/, YAML::anchor_t /*anchor*/,
                  YAML::EmitterStyle::value /*style*/) override {
    node(mark);
  }
  void OnMapEnd() override {}

 private:
  void node(const YAML::Mark& mark) {
    if (in_root_) roots.push_back(mark);
    in_root_ = false;
  }
  bool in_root_ = false;
};

/// The documents of `text`, at most three (one is what povsim reads; more is an error). Not
/// YAML::LoadAll: a token no document can start with (a `,` outside [ ] or { }) makes yaml-cpp
/// 0.7 return an empty document without consuming it, so LoadAll collects empty documents until
/// memory runs out (`povsim validate` on a file `,`, or `--set seed=,`; found by fuzz_sweep_spec).
/// Two documents whose roots start at the same place are that token, not a second document.
struct DocumentCount {
  std::size_t count = 0;
  YAML::Mark second;  // the root of the second document, when count > 1
  std::optional<YAML::Mark> stray;
};

DocumentCount count_documents(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentRoots docs;
  while (docs.roots.size() < 3 && parser.HandleNextDocument(docs)) {
    const auto& r = docs.roots;
    if (r.size() >= 2 && r[r.size() - 1].pos == r[r.size() - 2].pos) return {0, {}, r.back()};
  }
  return {docs.roots.size(), docs.roots.size() > 1 ? docs.roots[1] : YAML::Mark{}, {}};
}

}  // namespace

ConfigNode parse_yaml_text(const std::string& text, const std::string& origin_name,
                           Diagnostics& diags, int column_offset) {
  try {
    // A second document (after `---`) would be silently ignored by YAML::Load: refuse it.
    const DocumentCount docs = count_documents(text);
    if (docs.stray) {
      const auto pos = static_cast<std::size_t>(docs.stray->pos);
      const char c = pos < text.size() ? text[pos] : ' ';
      diags.error(
          origin_of(*docs.stray, origin_name, column_offset), "",
          std::string("YAML syntax error: unexpected `") + c + "`" +
              (c == ',' ? " outside [ ] or { } (quote the value if the comma belongs to it)" : ""));
      return {};
    }
    if (docs.count == 0) return {};
    if (docs.count > 1) {
      diags.error(origin_of(docs.second, origin_name, column_offset), "",
                  "expected one YAML document, found " +
                      (docs.count > 2 ? std::string("at least 3") : std::string("2")) +
                      " (a `---` line starts another; povsim would ignore all but the first)");
      return {};
    }
    return convert(YAML::Load(text), origin_name, diags, column_offset);
  } catch (const YAML::DeepRecursion&) {
    // yaml-cpp's own guard (before povsim sees the tree); its mark is often unset.
    const TextPlace at = deepest_flow_place(text);
    diags.error({origin_name, at.line, at.column + column_offset}, "",
                "YAML nested deeper than " + std::to_string(kMaxYamlDepth) +
                    " levels (no povsim file needs more than a few): is the file generated?");
  } catch (const YAML::Exception& e) {
    diags.error(origin_of(e.mark, origin_name, column_offset), "", "YAML syntax error: " + e.msg);
  }
  return {};
}

bool input_exists(const std::filesystem::path& file, const FileReader& read) {
  return read ? read(file).has_value() : std::filesystem::exists(file);
}

std::string read_input_text(const std::filesystem::path& file, std::string_view what,
                            const FileReader& read) {
  if (!read) return read_input_file(file, what);
  std::optional<std::string> served = read(file);
  if (!served)
    throw InputFileError(file,
                         "cannot read " + std::string(what) + ": no such file (check the path)");
  return std::move(*served);
}

ConfigNode load_yaml_file(const std::filesystem::path& file, Diagnostics& diags,
                          std::string_view what, const FileReader& read) {
  const std::string name = file.string();
  std::string text;
  try {
    text = read_input_text(file, what, read);
  } catch (const InputFileError& e) {
    diags.error({name, 0, 0}, "", e.reason());
    return {};
  }
  if (const std::size_t bad = first_invalid_utf8(text); bad != std::string::npos) {
    const TextPlace at = place_of(text, bad);
    diags.error({name, at.line, at.column}, "", not_utf8_message(text, bad));
    return {};
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
        std::vector<std::string> names;
        for (const auto& item : node->seq)
          if (const ConfigNode* name = item.is_map() ? item.find("name") : nullptr;
              name && name->is_scalar())
            names.push_back(name->scalar);
        const std::string hint = did_you_mean(part, names);
        diags.error(origin, walked,
                    "expected the name or index of a list element, found \"" + part + "\"" +
                        (hint.empty() ? "" : " (did you mean `" + hint + "`?)"));
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
