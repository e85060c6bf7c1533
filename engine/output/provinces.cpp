#include "output/provinces.hpp"

#include <array>

namespace povsim {
namespace {

constexpr std::array<Province, 34> kProvinces{{
    {"北京", "北京市", "Beijing"},
    {"天津", "天津市", "Tianjin"},
    {"河北", "河北省", "Hebei"},
    {"山西", "山西省", "Shanxi"},
    {"内蒙古", "内蒙古自治区", "Inner Mongolia"},
    {"辽宁", "辽宁省", "Liaoning"},
    {"吉林", "吉林省", "Jilin"},
    {"黑龙江", "黑龙江省", "Heilongjiang"},
    {"上海", "上海市", "Shanghai"},
    {"江苏", "江苏省", "Jiangsu"},
    {"浙江", "浙江省", "Zhejiang"},
    {"安徽", "安徽省", "Anhui"},
    {"福建", "福建省", "Fujian"},
    {"江西", "江西省", "Jiangxi"},
    {"山东", "山东省", "Shandong"},
    {"河南", "河南省", "Henan"},
    {"湖北", "湖北省", "Hubei"},
    {"湖南", "湖南省", "Hunan"},
    {"广东", "广东省", "Guangdong"},
    {"广西", "广西壮族自治区", "Guangxi"},
    {"海南", "海南省", "Hainan"},
    {"重庆", "重庆市", "Chongqing"},
    {"四川", "四川省", "Sichuan"},
    {"贵州", "贵州省", "Guizhou"},
    {"云南", "云南省", "Yunnan"},
    {"西藏", "西藏自治区", "Tibet (Xizang)"},
    {"陕西", "陕西省", "Shaanxi"},
    {"甘肃", "甘肃省", "Gansu"},
    {"青海", "青海省", "Qinghai"},
    {"宁夏", "宁夏回族自治区", "Ningxia"},
    {"新疆", "新疆维吾尔自治区", "Xinjiang"},
    {"台湾", "台湾省", "Taiwan"},
    {"香港", "香港特别行政区", "Hong Kong"},
    {"澳门", "澳门特别行政区", "Macao"},
}};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// The full name without the ending that says what kind of division it is.
std::string_view stem(std::string_view full) {
  for (std::string_view end : {"特别行政区", "自治区", "省", "市"})
    if (full.size() > end.size() && full.ends_with(end))
      return full.substr(0, full.size() - end.size());
  return full;
}

}  // namespace

std::span<const Province> provinces() { return kProvinces; }

const Province* find_province(std::string_view name) {
  name = trim(name);
  if (name.empty()) return nullptr;
  for (const Province& p : kProvinces)
    if (name == p.short_name || name == p.full_name || name == stem(p.full_name)) return &p;
  return nullptr;
}

}  // namespace povsim
