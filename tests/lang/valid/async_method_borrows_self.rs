// An async method with `&mut self`: its future holds the borrow of `p` until it completes.
struct Player {
    plays: u32,
}

impl Player {
    async fn play(&mut self) -> u32 {
        sleep(Duration::from_millis(5)).await;
        self.plays += 1;
        self.plays
    }
}

async fn main() {
    let mut p = Player { plays: 0 };
    let n = p.play().await;
    println!("{}", n);
}
