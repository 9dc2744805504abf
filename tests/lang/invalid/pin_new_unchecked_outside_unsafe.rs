use std::pin::Pin;

struct Song {
    plays: u32,
}

async fn main() {
    let mut s = Song { plays: 0 };
    let p = Pin::new_unchecked(&mut s);
    println!("{}", p.plays);
}
