// A method call auto-dereferences through a `Box` to the struct, as a field access does.
struct Player {
    plays: u32,
}

impl Player {
    fn get(&self) -> u32 {
        self.plays
    }
}

async fn main() {
    let b = Box::new(Player { plays: 7 });
    println!("{} {}", b.plays, b.get());
}
