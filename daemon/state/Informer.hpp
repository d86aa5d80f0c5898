#pragma once
// A typed informer: the current set of one kind of object, as compact Records, kept in step by
// InformerBase's reflector. Record needs:
//   static std::optional<Record> fromJson(const nlohmann::json& object);  (nullopt = ignore)
//   std::string key() const;   (namespace/name, or name for cluster-scoped objects)
// An observer sees every change as (before, after); nullptr before = added, after = deleted.

#include <functional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "daemon/state/InformerBase.hpp"

namespace dsroll::state {

template <typename Record>
class Informer final : public InformerBase {
 public:
  using Observer = std::function<void(const Record* before, const Record* after)>;

  using InformerBase::InformerBase;

  const std::unordered_map<std::string, Record>& items() const { return items_; }

  const Record* find(const std::string& key) const {
    auto it = items_.find(key);
    return it == items_.end() ? nullptr : &it->second;
  }

  /** Observers run synchronously inside the change, before waiters wake. */
  void observe(Observer observer) { observers_.push_back(std::move(observer)); }

 private:
  void storeListStart() override { unseen_.clear(); for (auto& [k, v] : items_) unseen_.insert(k); }

  void storeListItem(nlohmann::json&& item) override {
    if (auto record = Record::fromJson(item)) {
      unseen_.erase(record->key());
      upsert(std::move(*record));
    }
  }

  void storeListEnd() override {
    for (const auto& key : unseen_) {
      remove(key);
    }
    unseen_.clear();
  }

  void storeEvent(kube::WatchEventType type, nlohmann::json&& object) override {
    auto record = Record::fromJson(object);
    if (!record) {
      return;
    }
    if (type == kube::WatchEventType::Deleted) {
      remove(record->key());
    } else {
      upsert(std::move(*record));
    }
  }

  void upsert(Record record) {
    const std::string key = record.key();
    auto it = items_.find(key);
    if (it == items_.end()) {
      auto [inserted, ok] = items_.emplace(key, std::move(record));
      (void)ok;
      tell(nullptr, &inserted->second);
    } else {
      Record before = std::move(it->second);
      it->second = std::move(record);
      tell(&before, &it->second);
    }
  }

  void remove(const std::string& key) {
    auto it = items_.find(key);
    if (it == items_.end()) {
      return;
    }
    Record before = std::move(it->second);
    items_.erase(it);
    tell(&before, nullptr);
  }

  void tell(const Record* before, const Record* after) {
    for (auto& observer : observers_) {
      observer(before, after);
    }
  }

  std::unordered_map<std::string, Record> items_;
  std::unordered_set<std::string> unseen_;
  std::vector<Observer> observers_;
};

}  // namespace dsroll::state
