#include "output/fingerprint.hpp"

#include <array>
#include <memory>
#include <stdexcept>

namespace povsim {

std::string Fingerprint::sha256() const {
  // Each component as its length-prefixed name and value, so no two lists share a text.
  std::string text;
  for (const auto& [name, value] : components)
    text += std::to_string(name.size()) + ":" + name + std::to_string(value.size()) + ":" + value;
  return sha256_hex(text);
}

nlohmann::ordered_json Fingerprint::json() const {
  nlohmann::ordered_json j;
  j["sha256"] = sha256();
  nlohmann::ordered_json c = nlohmann::ordered_json::object();
  for (const auto& [name, value] : components) c[name] = value;
  j["components"] = c;
  return j;
}

Fingerprint Fingerprint::from_json(const nlohmann::json& j) {
  Fingerprint f;
  if (!j.is_object() || !j.contains("components") || !j["components"].is_object()) return f;
  // nlohmann::json sorts keys; the order does not matter for comparing components by name.
  for (auto it = j["components"].begin(); it != j["components"].end(); ++it)
    if (it.value().is_string()) f.add(it.key(), it.value().get<std::string>());
  return f;
}

std::string Fingerprint::differences_from(const Fingerprint& earlier) const {
  auto find = [](const Fingerprint& f, const std::string& name) -> const std::string* {
    for (const auto& [n, v] : f.components)
      if (n == name) return &v;
    return nullptr;
  };
  auto shown = [](const std::string* v) {
    if (v == nullptr) return std::string("absent");
    return v->size() > 80 ? "\"" + v->substr(0, 77) + "...\"" : "\"" + *v + "\"";
  };
  std::string out;
  auto note = [&](const std::string& name, const std::string* was, const std::string* now) {
    if (was != nullptr && now != nullptr && *was == *now) return;
    out += (out.empty() ? "" : "; ") + name + " (was " + shown(was) + ", now " + shown(now) + ")";
  };
  for (const auto& [name, value] : components) note(name, find(earlier, name), &value);
  for (const auto& [name, value] : earlier.components)
    if (find(*this, name) == nullptr) note(name, &value, nullptr);
  return out;
}

}  // namespace povsim
