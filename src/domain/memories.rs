//! Memories (PRODUCT A4): each person's own notes that go to the model with every message
//! they send. Only their owner reads, changes or removes them (admins included: no one
//! else); a memory taken from a message ("remember this") must come from one of the owner's
//! own threads.

use serde::Deserialize;

use super::error::{Error, Result};
use super::policy::{self, Principal};
use crate::store::memories::{self, Memory};
use crate::store::threads;
use crate::Engine;

/// The longest memory, in characters.
pub const MEMORY_MAX_CHARS: usize = 2000;
/// How many memories one person keeps at most.
pub const MEMORIES_MAX: i64 = 500;
/// How much of them goes to the model with a message, in characters (about 600 tokens): the
/// newest that fit. Room for the longest memory and its list mark.
pub const MEMORY_BUDGET_CHARS: usize = MEMORY_MAX_CHARS + 400;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NewMemory {
    pub content: String,
    #[serde(default)]
    pub source_message_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemoryPatch {
    pub content: String,
}

fn check(content: &str) -> Result<String> {
    let c = content.trim();
    if c.is_empty() || c.chars().count() > MEMORY_MAX_CHARS {
        return Err(Error::invalid("invalid_memory", format!("A memory is 1 to {MEMORY_MAX_CHARS} characters.")));
    }
    Ok(c.to_string())
}

/// The memories that go to the model: the newest that fit the budget, oldest first, as a
/// block for the system prompt; `None` when there are none.
pub fn prompt_block(newest_first: &[Memory]) -> Option<String> {
    let mut used = 0;
    let mut chosen: Vec<&str> = Vec::new();
    for m in newest_first {
        let n = m.content.chars().count() + 3;
        if used + n > MEMORY_BUDGET_CHARS {
            // Too long for what is left: older, shorter ones may still fit.
            continue;
        }
        used += n;
        chosen.push(&m.content);
    }
    if chosen.is_empty() {
        return None;
    }
    chosen.reverse();
    let lines: Vec<String> = chosen.iter().map(|c| format!("- {}", c.replace('\n', " "))).collect();
    Some(format!("What the person you are talking with asked you to remember:\n{}", lines.join("\n")))
}

impl Engine {
    pub async fn memories(&self, who: &Principal) -> Result<Vec<Memory>> {
        let owner = who.user_id.clone();
        self.db().run(move |c| memories::list(c, &owner).map_err(Error::from)).await
    }

    pub async fn add_memory(&self, who: &Principal, new: NewMemory) -> Result<Memory> {
        let content = check(&new.content)?;
        self.write_as(who.clone().into(), move |tx, who| {
            if let Some(source) = &new.source_message_id {
                let thread = threads::thread_of_message(tx, source)?.ok_or(Error::NotFound)?;
                threads::get(tx, &policy::thread_scope(who), &thread)?.ok_or(Error::NotFound)?;
            }
            if memories::count(tx, &who.user_id)? >= MEMORIES_MAX {
                return Err(Error::conflict(
                    "too_many_memories",
                    format!("You keep {MEMORIES_MAX} memories already. Remove some first."),
                ));
            }
            Ok(memories::insert(tx, &who.user_id, &content, new.source_message_id.as_deref())?)
        })
        .await
    }

    pub async fn update_memory(&self, who: &Principal, id: String, patch: MemoryPatch) -> Result<Memory> {
        let content = check(&patch.content)?;
        self.write_as(who.clone().into(), move |tx, who| {
            if !memories::update(tx, &who.user_id, &id, &content)? {
                return Err(Error::NotFound);
            }
            memories::get(tx, &who.user_id, &id)?.ok_or(Error::NotFound)
        })
        .await
    }

    pub async fn remove_memory(&self, who: &Principal, id: String) -> Result<()> {
        self.write_as(who.clone().into(), move |tx, who| {
            if !memories::delete(tx, &who.user_id, &id)? {
                return Err(Error::NotFound);
            }
            Ok(())
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(content: &str) -> Memory {
        Memory { id: String::new(), content: content.into(), source_message_id: None, created_at: 0, updated_at: 0 }
    }

    #[test]
    fn the_newest_memories_that_fit_go_oldest_first() {
        assert_eq!(prompt_block(&[]), None);
        let long = "x".repeat(MEMORY_BUDGET_CHARS - 10);
        let block = prompt_block(&[m("newest"), m(&long), m("oldest")]).unwrap_or_default();
        assert!(block.contains("- newest") && block.contains("- oldest"));
        assert!(!block.contains("xxx"), "over the budget: left out, the others kept");
        // The longest memory there may be fits on its own.
        let longest = "y".repeat(MEMORY_MAX_CHARS);
        assert!(prompt_block(&[m(&longest), m("older")]).unwrap_or_default().contains(&longest));
        let block = prompt_block(&[m("I live in\nLyon"), m("call me Bo")]).unwrap_or_default();
        assert!(block.ends_with("- call me Bo\n- I live in Lyon"), "{block}");
    }
}
