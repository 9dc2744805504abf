// A unit struct is a value (`let s = Song;`), moved like any other, and a pattern (`let Song = s;`).
struct Song;

impl Song {
    fn title(&self) -> &str {
        "a song"
    }
}

fn play(s: Song) -> u32 {
    let Song = s;
    1
}

fn main() {
    let s = Song;
    println!("{}", s.title());
    let t = s;
    println!("{}", play(t));
}
