// Structs without fields are values of their own: `Song` and `Album {}` as expressions, as call
// arguments, in a vec! and a Box; derived Debug prints only their name.
#[derive(Debug)]
struct Song;

#[derive(Debug)]
struct Album {}

fn count(_s: Song) -> u32 {
    1
}

async fn main() {
    let s = Song;
    let a = Album {};
    let n = count(Song) + count(Song);
    let v = vec![Song, Song, Song];
    let b = Box::new(Song);
    println!("{:?} {:?} {} {} {:?}", s, a, n, v.len(), b);
    println!("{:?}", v);
}
